package dev.cairn.workspace.web;

import dev.cairn.server.error.ServiceException;
import dev.cairn.server.web.Format;
import dev.cairn.server.web.Forms;
import dev.cairn.server.web.Pages;
import dev.cairn.workspace.members.Caller;
import dev.cairn.workspace.members.Workspaces;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.FilterOp;
import dev.cairn.workspace.model.ValidationException;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.reports.ReportResult;
import dev.cairn.workspace.reports.ReportService;
import dev.cairn.workspace.reports.ReportSpec;
import dev.cairn.workspace.schema.ColumnSpec;
import dev.cairn.workspace.schema.TableService;
import dev.cairn.workspace.schema.TableSpec;
import dev.cairn.workspace.web.RecordViews.Option;
import dev.cairn.workspace.web.RecordViews.Ws;
import dev.cairn.workspace.web.ReportViews.AggRow;
import dev.cairn.workspace.web.ReportViews.FilterRow;
import dev.cairn.workspace.web.ReportViews.GroupRow;
import dev.cairn.workspace.web.ReportViews.ReportRow;
import dev.cairn.workspace.web.ReportViews.Result;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Saved reports: the list, the builder with a live preview, and results. The builder is one form; with htmx every
 * change posts it to {@code /reports/preview}, which answers with the whole builder (fields of the chosen table, errors
 * next to their fields, the result table) and htmx swaps in {@code #builder} only. Without JavaScript the "Preview"
 * button does the same as a full page. Previews show at most {@link #PREVIEW_ROWS} rows. Thread-safe.
 */
public final class ReportPages {
    public static final int PREVIEW_ROWS = 50;
    private static final String[][] FNS = {{"count", "count"}, {"sum", "sum"}, {"avg", "average"}, {"min", "minimum"},
        {"max", "maximum"}};
    private final WsScope scope;
    private final ReportService reports;
    private final TableService tables;
    private final Workspaces workspaces;

    ReportPages(WsScope scope, ReportService reports, TableService tables, Workspaces workspaces) {
        this.scope = scope;
        this.reports = reports;
        this.tables = tables;
        this.workspaces = workspaces;
    }

    /** {@code GET .../reports} */
    public void list(Context ctx) {
        Caller c = scope.caller(ctx);
        List<ReportRow> rows = reports.list(c).stream().map(r -> new ReportRow(r.id(), r.name(), r.table(),
                r.groupBy() != null || r.aggregates() != null ? "grouped" : "list")).toList();
        scope.pages().render(ctx, 200, "wsReports.jte", scope.chrome(ctx, "Reports"), "ws", WsScope.view(c),
                "reports", rows, "notice", WsScope.notice(ctx));
    }

    /** {@code GET .../reports/new?table=} */
    public void builder(Context ctx) {
        Caller c = scope.caller(ctx);
        List<TableSpec> all = tables.list(c);
        String table = ctx.queryParam("table") != null ? ctx.queryParam("table")
                : all.isEmpty() ? "" : all.getFirst().name();
        show(ctx, 200, c, null, ReportForm.blank(table), Forms.empty());
    }

    /** {@code GET .../reports/{report}}: the builder on a saved report, with its result as the preview. */
    public void edit(Context ctx) {
        Caller c = scope.caller(ctx);
        ReportSpec spec = reports.get(c, id(ctx));
        show(ctx, 200, c, spec.id(), ReportForm.of(spec), Forms.empty(), ReportForm.fitsTheForm(spec) ? null
                : "This report has more filters, groupings, totals or sort keys than the builder shows. Saving it "
                        + "here keeps only those shown; change it through the API to keep the others.");
    }

    /** {@code POST .../reports/preview}: the builder with the result of the submitted definition. */
    public void preview(Context ctx) {
        Caller c = scope.caller(ctx);
        ReportForm submitted = ReportForm.of(ctx);
        // another table was chosen: its fields differ, so the rows start empty (the name stays)
        ReportForm form = submitted.table().equals(WsScope.field(ctx, "shown_table")) ? submitted
                : ReportForm.blank(submitted.table()).named(submitted.name());
        String rawId = WsScope.field(ctx, "id");
        show(ctx, 200, c, rawId.matches("\\d{1,18}") ? Long.valueOf(rawId) : null, form, Forms.empty());
    }

    /** {@code POST .../reports}: saves a new report ("Save", or "Save as new" from a saved one). */
    public void save(Context ctx) {
        Caller c = scope.caller(ctx);
        ReportForm form = ReportForm.of(ctx);
        try {
            ReportSpec saved = reports.create(c, form.toSpec(null, ""));
            Pages.seeOther(ctx, WsScope.view(c).report(saved.id()) + "?done=report-saved");
        } catch (ServiceException e) {
            refused(ctx, c, null, form, e);
        }
    }

    /** {@code POST .../reports/{report}}: saves the changes. */
    public void update(Context ctx) {
        Caller c = scope.caller(ctx);
        long id = id(ctx);
        ReportForm form = ReportForm.of(ctx);
        try {
            reports.update(c, id, form.toSpec(id, ""));
            Pages.seeOther(ctx, WsScope.view(c).report(id) + "?done=report-saved");
        } catch (ServiceException e) {
            refused(ctx, c, id, form, e);
        }
    }

    private void refused(Context ctx, Caller c, Long id, ReportForm form, ServiceException e) {
        Forms errors = Forms.empty();
        if (e instanceof ValidationException v) {
            WsScope.withErrors(errors, v.errors(), form::fieldOf, v.getMessage());
        } else {
            errors.error("name", e.getMessage());
        }
        show(ctx, e.code().status(), c, id, form, errors);
    }

    /** {@code POST .../reports/{report}/delete} */
    public void delete(Context ctx) {
        Caller c = scope.caller(ctx);
        reports.delete(c, id(ctx));
        Pages.seeOther(ctx, WsScope.view(c).reports() + "?done=report-deleted");
    }

    /** {@code GET .../reports/{report}/result?format=csv|pdf}: the result page, or the CSV or PDF download. */
    public void result(Context ctx) {
        Caller c = scope.caller(ctx);
        long id = id(ctx);
        ReportResult result = reports.run(c, id);
        String format = ctx.queryParam("format");
        if (ReportFiles.isDownload(format)) {
            ctx.header("X-Content-Type-Options", "nosniff").header("Cache-Control", "no-store");
            ReportFiles.send(ctx, format, result, workspaces.name(c.workspaceId()));
            return;
        }
        scope.pages().render(ctx, 200, "wsReportResult.jte", scope.chrome(ctx, result.name()), "ws",
                WsScope.view(c), "id", id, "result", view(c, result));
    }

    // ---- the builder

    private void show(Context ctx, int status, Caller c, Long id, ReportForm form, Forms errors) {
        show(ctx, status, c, id, form, errors, null);
    }

    private void show(Context ctx, int status, Caller c, Long id, ReportForm form, Forms errors, String warning) {
        Ws v = WsScope.view(c);
        List<TableSpec> all = tables.list(c);
        List<Option> tableOptions = all.stream().map(t -> new Option(t.name(), Labels.of(t),
                t.name().equals(form.table()))).toList();
        Map<String, ColumnType> fields = all.stream().anyMatch(t -> t.name().equals(form.table()))
                ? fields(c, form.table()) : Map.of();
        Result preview = null;
        String previewProblem = null;
        if (!errors.hasErrors() && !form.table().isEmpty()) {
            try {
                ReportSpec spec = form.toSpec(id, "Preview");
                Integer limit = spec.limit();
                ReportSpec capped = new ReportSpec(null, spec.name(), spec.table(), spec.columns(), spec.filters(),
                        spec.groupBy(), spec.aggregates(), spec.sort(), limit == null || limit > PREVIEW_ROWS
                        ? Integer.valueOf(PREVIEW_ROWS) : limit);
                preview = view(c, reports.preview(c, capped));
            } catch (ValidationException e) {
                WsScope.withErrors(errors, e.errors(), form::fieldOf, e.getMessage());
                previewProblem = "The preview needs a valid report: correct the marked fields.";
            } catch (ServiceException e) {
                previewProblem = e.getMessage();
            }
        }
        scope.pages().render(ctx, status, "wsReportBuilder.jte", scope.chrome(ctx, id == null ? "New report"
                : "Report " + form.name()), "ws", v, "id", id, "name", form.name(), "tables", tableOptions,
                "columns", options(List.copyOf(fields.keySet()), Set.copyOf(form.columns()), false),
                "filters", filterRows(form, fields, errors), "groups", groupRows(form, fields, errors),
                "aggregates", aggRows(form, fields, errors),
                "sorts", options(sortNames(form), Set.of(form.sort()), true), "desc", form.desc(),
                "limit", form.limit(), "errors", errors, "preview", preview, "previewProblem", previewProblem,
                "notice", WsScope.notice(ctx), "warning", warning);
    }

    /** The table's columns, then one level through each reference ({@code customer.name}), with their types. */
    private Map<String, ColumnType> fields(Caller c, String table) {
        TableSpec t = tables.get(c, table);
        Map<String, ColumnType> out = new LinkedHashMap<>();
        t.columns().forEach(col -> out.put(col.name(), col.type()));
        for (ColumnSpec col : t.columns()) {
            if (col.type() == ColumnType.REFERENCE) {
                tables.get(c, col.references()).columns().forEach(x -> out.put(col.name() + "." + x.name(),
                        x.type()));
            }
        }
        return out;
    }

    private static List<String> sortNames(ReportForm form) {
        boolean grouped = form.groups().stream().anyMatch(g -> !g.isEmpty())
                || form.aggregates().stream().anyMatch(a -> !a.isEmpty());
        Set<String> out = new LinkedHashSet<>();
        if (grouped) {
            form.groups().stream().filter(g -> !g.isEmpty()).forEach(out::add);
            form.aggregates().stream().filter(a -> !a.isEmpty()).forEach(a -> out.add(a.column().isEmpty() ? a.fn()
                    : a.fn() + "_" + a.column().replace('.', '_')));
        } else {
            out.addAll(form.columns());
        }
        if (!form.sort().isEmpty()) {
            out.add(form.sort());
        }
        return List.copyOf(out);
    }

    /**
     * The filter rows; a row's conditions are those its column's type takes (all while no column is chosen; the
     * chosen one is always kept, so a refused choice stays visible next to its error).
     */
    private static List<FilterRow> filterRows(ReportForm form, Map<String, ColumnType> fields, Forms errors) {
        List<FilterRow> out = new ArrayList<>();
        for (int i = 0; i < form.filters().size(); i++) {
            ReportForm.Filter f = form.filters().get(i);
            ColumnType type = fields.get(f.column());
            List<Option> ops = new ArrayList<>();
            for (FilterOp op : FilterOp.FORM_ORDER) {
                boolean chosen = op.wireName().equals(f.op());
                if (type == null || op.appliesTo(type) || chosen) {
                    ops.add(new Option(op.wireName(), op.label(), chosen));
                }
            }
            out.add(new FilterRow(i, options(List.copyOf(fields.keySet()), Set.of(f.column()), true), ops, f.value(),
                    errors.errorOf("f" + i + "_column"), errors.errorOf("f" + i + "_op"),
                    errors.errorOf("f" + i + "_value")));
        }
        return out;
    }

    private static List<GroupRow> groupRows(ReportForm form, Map<String, ColumnType> fields, Forms errors) {
        List<GroupRow> out = new ArrayList<>();
        for (int i = 0; i < form.groups().size(); i++) {
            out.add(new GroupRow(i, options(List.copyOf(fields.keySet()), Set.of(form.groups().get(i)), true),
                    errors.errorOf("g" + i)));
        }
        return out;
    }

    /** The total rows; sum and average offer the numeric columns only (the chosen one is always kept). */
    private static List<AggRow> aggRows(ReportForm form, Map<String, ColumnType> fields, Forms errors) {
        List<AggRow> out = new ArrayList<>();
        for (int i = 0; i < form.aggregates().size(); i++) {
            ReportForm.Agg a = form.aggregates().get(i);
            List<Option> fns = new ArrayList<>();
            fns.add(new Option("", "(none)", a.fn().isEmpty()));
            for (String[] fn : FNS) {
                fns.add(new Option(fn[0], fn[1], fn[0].equals(a.fn())));
            }
            boolean numeric = a.fn().equals("sum") || a.fn().equals("avg");
            List<String> columns = fields.entrySet().stream().filter(e -> !numeric || e.getValue().isNumeric()
                    || e.getKey().equals(a.column())).map(Map.Entry::getKey).toList();
            out.add(new AggRow(i, fns, options(columns, Set.of(a.column()), true), errors.errorOf("a" + i + "_fn"),
                    errors.errorOf("a" + i + "_column")));
        }
        return out;
    }

    /** Options of {@code values}; with {@code none} a leading empty option. */
    private static List<Option> options(List<String> values, Set<String> selected, boolean none) {
        List<Option> out = new ArrayList<>();
        if (none) {
            out.add(new Option("", "(none)", selected.contains("") || selected.isEmpty()));
        }
        values.forEach(f -> out.add(new Option(f, f, selected.contains(f))));
        return out;
    }

    private Result view(Caller c, ReportResult r) {
        return Result.of(r, tables.list(c).stream().filter(t -> t.name().equals(r.table())).findFirst()
                .map(Labels::of).orElse(r.table()));
    }

    private static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("report"));
        } catch (NumberFormatException e) {
            throw ServiceException.notFound("no report '" + ctx.pathParam("report") + "'");
        }
    }
}
