package dev.cairn.workspace.web;

import dev.cairn.workspace.pdf.ReportPdf;
import dev.cairn.workspace.reports.ReportResult;
import java.util.List;

/** The view models of the share link pages (what the templates see); all immutable. */
public final class ShareViews {
    private ShareViews() {
    }

    /** A column heading of a shown report; numeric columns are right-aligned. */
    public record Heading(String name, boolean numeric) {
    }

    /** A displayed value. */
    public record Cell(String text, boolean numeric) {
    }

    /** A report result as the public share page shows it. */
    public record Shown(String title, String workspace, String generatedAt, String generatedAtIso, String rowCount,
            List<Heading> headings, List<List<Cell>> rows) {

        static Shown of(String workspace, ReportResult result) {
            List<ReportResult.ResultColumn> columns = result.columns();
            List<Heading> headings = columns.stream().map(c -> new Heading(c.name(), c.numeric())).toList();
            List<List<Cell>> rows = result.rows().stream().map(row -> {
                List<Cell> cells = new java.util.ArrayList<>(row.size());
                for (int i = 0; i < row.size(); i++) {
                    cells.add(new Cell(ReportResult.text(row.get(i)), columns.get(i).numeric()));
                }
                return cells;
            }).toList();
            int n = result.rows().size();
            return new Shown(result.name() == null ? "Report" : result.name(), workspace,
                    ReportPdf.GENERATED_AT.format(result.generatedAt()), result.generatedAt().toString(),
                    n == 1 ? "1 row" : n + " rows", headings, rows);
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
