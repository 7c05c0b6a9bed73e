package dev.cairn.workspace.http;

import dev.cairn.server.error.ServiceException;
import dev.cairn.server.http.HtmlPage;
import dev.cairn.server.http.Json;
import dev.cairn.workspace.members.Caller;
import dev.cairn.workspace.members.Workspaces;
import dev.cairn.workspace.model.ValidationException;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.pdf.ReportPdf;
import dev.cairn.workspace.reports.ReportCsv;
import dev.cairn.workspace.reports.ReportResult;
import dev.cairn.workspace.reports.ReportService;
import dev.cairn.workspace.reports.ReportSpec;
import io.javalin.http.Context;
import java.util.List;

/**
 * Saved reports ({@code /api/v1/workspace/reports}) and their results as JSON, CSV (formula-looking text
 * neutralised), an HTML page (every value escaped) or a PDF (with the workspace's name).
 */
final class ReportHandlers {
    private final ReportService reports;
    private final Workspaces workspaces;

    ReportHandlers(ReportService reports, Workspaces workspaces) {
        this.reports = reports;
        this.workspaces = workspaces;
    }

    void list(Context ctx) {
        WorkspaceHandlers.write(ctx, 200, reports.list(WorkspaceCalls.caller(ctx)));
    }

    void create(Context ctx) {
        WorkspaceHandlers.write(ctx, 201, reports.create(WorkspaceCalls.caller(ctx), Json.read(ctx, ReportSpec.class)));
    }

    void get(Context ctx) {
        WorkspaceHandlers.write(ctx, 200, reports.get(WorkspaceCalls.caller(ctx), id(ctx)));
    }

    void update(Context ctx) {
        WorkspaceHandlers.write(ctx, 200, reports.update(WorkspaceCalls.caller(ctx), id(ctx),
                Json.read(ctx, ReportSpec.class)));
    }

    void delete(Context ctx) {
        reports.delete(WorkspaceCalls.caller(ctx), id(ctx));
        ctx.status(204);
    }

    /** {@code GET .../reports/{report}/result?format=json|csv|html|pdf} */
    void result(Context ctx) {
        Caller caller = WorkspaceCalls.caller(ctx);
        render(ctx, reports.run(caller, id(ctx)), caller);
    }

    /** {@code POST .../reports/preview?format=…}: computes an unsaved definition. */
    void preview(Context ctx) {
        Caller caller = WorkspaceCalls.caller(ctx);
        render(ctx, reports.preview(caller, Json.read(ctx, ReportSpec.class)), caller);
    }

    private void render(Context ctx, ReportResult result, Caller caller) {
        String format = ctx.queryParam("format") == null ? "json" : ctx.queryParam("format");
        ctx.header("X-Content-Type-Options", "nosniff");
        switch (format) {
            case "json" -> WorkspaceHandlers.write(ctx, 200, result);
            case "csv" -> ctx.status(200).contentType("text/csv; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"" + result.fileName() + ".csv\"")
                    .result(ReportCsv.write(result));
            case "html" -> ctx.status(200).contentType("text/html; charset=utf-8").result(html(result));
            case "pdf" -> ctx.status(200).contentType("application/pdf")
                    .header("Content-Disposition", "attachment; filename=\"" + result.fileName() + ".pdf\"")
                    .result(ReportPdf.render(result, workspaces.name(caller.workspaceId())));
            default -> throw ValidationException.of("format", "use json, csv, html or pdf");
        }
    }

    /** A self-contained page; every name and value goes through {@link HtmlPage#escape}. */
    static String html(ReportResult result) {
        StringBuilder body = new StringBuilder("<p>Table <code>").append(HtmlPage.escape(result.table()))
                .append("</code>, generated at <time>").append(HtmlPage.escape(result.generatedAt().toString()))
                .append("</time></p><table><thead><tr>");
        for (ReportResult.ResultColumn c : result.columns()) {
            body.append("<th scope=\"col\">").append(HtmlPage.escape(c.label())).append("</th>");
        }
        body.append("</tr></thead><tbody>");
        for (List<Value> row : result.rows()) {
            body.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                body.append("<td>").append(HtmlPage.escape(result.display(i, row.get(i)))).append("</td>");
            }
            body.append("</tr>");
        }
        body.append("</tbody></table>");
        return HtmlPage.page(result.name() == null ? "Report" : result.name(), body.toString());
    }

    private static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("report"));
        } catch (NumberFormatException e) {
            throw ServiceException.notFound("no report '" + ctx.pathParam("report") + "': report ids are numbers");
        }
    }
}
