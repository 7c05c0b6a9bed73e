package dev.cairn.workspace.web;

import dev.cairn.workspace.pdf.ReportPdf;
import dev.cairn.workspace.reports.ReportCsv;
import dev.cairn.workspace.reports.ReportResult;
import io.javalin.http.Context;

/**
 * The CSV and PDF downloads of a report result on the web pages (the workspace's and a share link's), both made for
 * people (labels, formatted values, records by name). Stateless.
 */
final class ReportFiles {
    private ReportFiles() {
    }

    /** Whether {@code format} names a download this class writes. */
    static boolean isDownload(String format) {
        return "csv".equals(format) || "pdf".equals(format);
    }

    /**
     * Writes {@code result} as a 200 attachment in {@code format} ({@code csv} or {@code pdf}; the PDF names
     * {@code workspace}); the caller adds any other headers.
     *
     * @throws IllegalArgumentException for any other format
     */
    static void send(Context ctx, String format, ReportResult result, String workspace) {
        ctx.status(200).header("Content-Disposition", "attachment; filename=\"" + result.fileName() + "." + format
                + "\"");
        switch (format) {
            case "csv" -> ctx.contentType("text/csv; charset=utf-8").result(ReportCsv.forPeople(result));
            case "pdf" -> ctx.contentType("application/pdf").result(ReportPdf.render(result, workspace));
            default -> throw new IllegalArgumentException("not a download format: " + format);
        }
    }
}
