package dev.cairn.server.web;

import dev.cairn.server.records.ReportResult;

/** Download file names of report results. Stateless. */
final class ReportFiles {
    private ReportFiles() {
    }

    /** The report's name with everything but ASCII letters, digits, {@code . _ -} replaced: safe in a header. */
    static String name(ReportResult result) {
        String name = result.name() == null ? "report" : result.name().replaceAll("[^A-Za-z0-9._-]+", "-");
        return name.isEmpty() ? "report" : name;
    }
}
