package dev.cairn.workspace.web;

import dev.cairn.workspace.reports.ReportResult;
import java.util.List;

/** The view models of the share link pages (what the templates see); all immutable. */
public final class ShareViews {
    private ShareViews() {
    }

    /** A report result as the public share page shows it, with the name of the workspace that shares it. */
    public record Shown(String workspace, ReportViews.Result result) {
        static Shown of(String workspace, ReportResult result) {
            return new Shown(workspace, ReportViews.Result.of(result, result.table()));
        }
    }

    /**
     * A share link in the workspace's list: the report, its restriction ({@code fixedTo} as text, or null), and what
     * happened to it; {@code revocable} when it still works.
     */
    public record Listed(long id, String report, String status, boolean passphrase, String fixedTo, String createdBy,
            String createdAt, String expiresAt, long accessCount, String lastAccess, boolean revocable) {
    }

    /** One access log entry as displayed. */
    public record AccessLine(String at, String outcome, String what, String client, String userAgent) {
    }

    /** A choice of the "only rows of" select: {@code value} is {@code column:record}. */
    public record FixedOption(String value, String label) {
    }

    /** The options of one reference column (an {@code optgroup}). */
    public record FixedGroup(String label, List<FixedOption> options) {
    }
}
