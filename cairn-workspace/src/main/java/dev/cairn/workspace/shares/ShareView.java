package dev.cairn.workspace.shares;

import dev.cairn.workspace.reports.ReportResult;

/** What a request to a share link gets; see {@link ShareService#open}. */
public sealed interface ShareView {
    /** No link has this token (404; nothing is logged, there is nothing to log it against). */
    record Unknown() implements ShareView {
    }

    /** The link no longer works (410): {@code why} is expired, revoked, report-deleted or unavailable. */
    record Gone(ShareOutcome why) implements ShareView {
    }

    /** The link has a passphrase this browser has not given yet. Reveals nothing about the report. */
    record Locked() implements ShareView {
    }

    /**
     * The report's result, computed now, with the link's restriction applied, the workspace's name, and the time zone
     * id its owner reads times in (null: UTC), in which the page shows them (ADR 52).
     */
    record Open(String workspace, ReportResult result, String zone) implements ShareView {
    }
}
