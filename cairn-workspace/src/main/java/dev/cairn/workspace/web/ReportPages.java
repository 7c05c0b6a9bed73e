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
import dev.cairn.workspace.web.ReportViews.ColumnRow;
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
    private final dev.cairn.workspace.records.RecordService records;
    private final Workspaces workspaces;

    ReportPages(WsScope scope, ReportService reports, TableService tables,
            dev.cairn.workspace.records.RecordService records, Workspaces workspaces) {
        this.scope = scope;
        this.reports = reports;
        this.tables = tables;
        this.records = records;
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
        ReportForm form = ReportForm.of(spec);
        show(ctx, 200, c, spec.id(), form.withFilterValues(namedFilterValues(c, form)), Forms.empty(), null);
    }

    /**
     * The filter values as people give them: a reference filter's stored record ids become the records' names (the
     * service reads either).
     */
    private List<String> namedFilterValues(Caller c, ReportForm form) {
        Map<String, FieldInfo> fields = fields(c, form.table());
        List<String> out = new ArrayList<>();
        for (ReportForm.Filter f : form.filters()) {
            FieldInfo info = fields.get(f.column());
            if (info == null || info.type() != ColumnType.REFERENCE || f.value().isBlank()) {
                out.add(f.value());
                continue;
            }
            List<Long> ids = new ArrayList<>();
            for (String part : f.value().split(",")) {
                if (part.strip().matches("\\d{1,18}")) {
                    ids.add(Long.parseLong(part.strip()));
                }
            }
            Map<Long, String> names = records.names(c, info.references(), ids);
            out.add(String.join(", ", ids.stream().map(id -> names.getOrDefault(id, "#" + id)).toList()));
        }
        return out;
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
        Map<String, FieldInfo> fields = all.stream().anyMatch(t -> t.name().equals(form.table()))
                ? fields(c, form.table()) : Map.of();
        Result preview = null;
        String previewProblem = null;
        ReportForm previewed = form.withoutUnfinishedFilters(); // a filter still being filled in waits
        if (!errors.hasErrors() && !form.table().isEmpty()) {
            try {
                ReportSpec spec = previewed.toSpec(id, "Preview");
                Integer limit = spec.limit();
                ReportSpec capped = new ReportSpec(null, spec.name(), spec.table(), spec.columns(), spec.filters(),
                        spec.groupBy(), spec.aggregates(), spec.sort(), limit == null || limit > PREVIEW_ROWS
                        ? Integer.valueOf(PREVIEW_ROWS) : limit);
                preview = view(c, reports.preview(c, capped));
            } catch (ValidationException e) {
                WsScope.withErrors(errors, e.errors(), previewed::fieldOf, e.getMessage());
                previewProblem = "The preview needs a valid report: correct the marked fields.";
            } catch (ServiceException e) {
                previewProblem = e.getMessage();
            }
        }
        scope.pages().render(ctx, status, "wsReportBuilder.jte", scope.chrome(ctx, id == null ? "New report"
                : "Report " + form.name()), "ws", v, "id", id, "name", form.name(), "tables", tableOptions,
                "columns", columnRows(form, fields, errors),
                "filters", filterRows(form, fields, errors, table -> suggestions(c, table)), "groups", groupRows(form, fields, errors),
                "aggregates", aggRows(form, fields, errors),
                "sorts", sortRows(form, fields, errors),
                "limit", form.limit(), "errors", errors, "preview", preview, "previewProblem", previewProblem,
                "notice", WsScope.notice(ctx), "warning", warning);
    }

    /** A field a report can use: its label, type and, for references, the table it points to. */
    private record FieldInfo(String label, ColumnType type, String references, String referencesTitle) {
    }

    private FieldInfo info(Caller c, String label, ColumnSpec col) {
        return new FieldInfo(label, col.type(), col.references(), col.type() == ColumnType.REFERENCE
                ? Labels.of(tables.get(c, col.references())) : null);
    }

    /**
     * The table's columns, then one level through each reference ({@code customer.name}, labelled
     * {@code Customer › Name}), by field name.
     */
    private Map<String, FieldInfo> fields(Caller c, String table) {
        TableSpec t = tables.get(c, table);
        Map<String, FieldInfo> out = new LinkedHashMap<>();
        t.columns().forEach(col -> out.put(col.name(), info(c, Labels.of(col), col)));
        for (ColumnSpec col : t.columns()) {
            if (col.type() == ColumnType.REFERENCE) {
                tables.get(c, col.references()).columns().forEach(x -> out.put(col.name() + "." + x.name(),
                        info(c, Labels.of(col) + " › " + Labels.of(x), x)));
            }
        }
        return out;
    }

    /**
     * The sort rows: each filled key, then one empty row (how a key is added); the first sorts, each next one breaks
     * the ties of those before it.
     */
    private static List<ReportViews.SortRow> sortRows(ReportForm form, Map<String, FieldInfo> fields, Forms errors) {
        List<ReportViews.SortRow> rows = new ArrayList<>();
        List<ReportForm.SortKey> keys = ReportForm.plusOne(form.sorts(), new ReportForm.SortKey("", false));
        for (int i = 0; i < keys.size(); i++) {
            ReportForm.SortKey k = keys.get(i);
            rows.add(new ReportViews.SortRow(i, sortOptions(form, fields, k.column()), k.desc(),
                    errors.errorOf("s" + i)));
        }
        return rows;
    }

    /** What the result can be sorted by: its columns, or its groups and totals, by their labels. */
    private static List<Option> sortOptions(ReportForm form, Map<String, FieldInfo> fields, String chosen) {
        boolean grouped = !form.groups().isEmpty() || !form.aggregates().isEmpty();
        Map<String, String> out = new LinkedHashMap<>();
        if (grouped) {
            form.groups().forEach(g -> out.put(g, label(fields, g)));
            for (ReportForm.Agg a : form.aggregates()) {
                String word = switch (a.fn()) {
                    case "avg" -> "average";
                    case "min" -> "minimum";
                    case "max" -> "maximum";
                    default -> a.fn();
                };
                out.put(a.column().isEmpty() ? a.fn() : a.fn() + "_" + a.column().replace('.', '_'),
                        a.column().isEmpty() ? "Count" : label(fields, a.column()) + " (" + word + ")");
            }
        } else {
            form.columns().forEach(col -> out.put(col, label(fields, col)));
        }
        if (!chosen.isEmpty()) {
            out.putIfAbsent(chosen, chosen);
        }
        List<Option> options = new ArrayList<>();
        options.add(new Option("", "(none)", chosen.isEmpty()));
        out.forEach((value, label) -> options.add(new Option(value, label, value.equals(chosen))));
        return options;
    }

    private static String label(Map<String, FieldInfo> fields, String name) {
        FieldInfo info = fields.get(name);
        return info == null ? name : info.label();
    }

    /** The chosen columns in their order, then an empty one to add another. */
    private static List<ColumnRow> columnRows(ReportForm form, Map<String, FieldInfo> fields, Forms errors) {
        List<ColumnRow> out = new ArrayList<>();
        List<String> rows = ReportForm.plusOne(form.columns(), "");
        for (int i = 0; i < rows.size(); i++) {
            out.add(new ColumnRow(i, options(fields, k -> true, rows.get(i)), errors.errorOf("c" + i)));
        }
        return out;
    }

    /**
     * The filter rows; a row's conditions are those its column's type takes (all while no column is chosen; the
     * chosen one is always kept, so a refused choice stays visible next to its error).
     */
    /** How many record names a reference filter suggests. */
    static final int SUGGESTIONS = 200;

    /** The names of the first records of {@code table}, for a reference filter's value. */
    private List<String> suggestions(Caller c, String table) {
        TableSpec t = tables.get(c, table);
        return records.list(c, table, dev.cairn.workspace.records.RecordQuery.first(SUGGESTIONS)).records().stream()
                .map(r -> Labels.record(t, r)).distinct().toList();
    }

    private static List<FilterRow> filterRows(ReportForm form, Map<String, FieldInfo> fields, Forms errors,
            java.util.function.Function<String, List<String>> names) {
        List<FilterRow> out = new ArrayList<>();
        List<ReportForm.Filter> rows = ReportForm.plusOne(form.filters(), new ReportForm.Filter("", "", ""));
        for (int i = 0; i < rows.size(); i++) {
            ReportForm.Filter f = rows.get(i);
            ColumnType type = fields.containsKey(f.column()) ? fields.get(f.column()).type() : null;
            List<Option> ops = new ArrayList<>();
            for (FilterOp op : FilterOp.FORM_ORDER) {
                boolean chosen = op.wireName().equals(f.op());
                if (type == null || op.appliesTo(type) || chosen) {
                    ops.add(new Option(op.wireName(), op.label(), chosen));
                }
            }
            out.add(new FilterRow(i, options(fields, k -> true, f.column()), ops, f.value(),
                    errors.errorOf("f" + i + "_column"), errors.errorOf("f" + i + "_op"),
                    errors.errorOf("f" + i + "_value"), type == ColumnType.REFERENCE
                    ? "The name of a record of " + fields.get(f.column()).referencesTitle() + ", or several "
                    + "separated by commas for \u201cis one of\u201d." : null, type == ColumnType.REFERENCE
                    ? names.apply(fields.get(f.column()).references()) : List.of()));
        }
        return out;
    }

    private static List<GroupRow> groupRows(ReportForm form, Map<String, FieldInfo> fields, Forms errors) {
        List<GroupRow> out = new ArrayList<>();
        List<String> rows = ReportForm.plusOne(form.groups(), "");
        for (int i = 0; i < rows.size(); i++) {
            out.add(new GroupRow(i, options(fields, k -> true, rows.get(i)), errors.errorOf("g" + i)));
        }
        return out;
    }

    /** The total rows; sum and average offer the numeric columns only (the chosen one is always kept). */
    private static List<AggRow> aggRows(ReportForm form, Map<String, FieldInfo> fields, Forms errors) {
        List<AggRow> out = new ArrayList<>();
        List<ReportForm.Agg> rows = ReportForm.plusOne(form.aggregates(), new ReportForm.Agg("", ""));
        for (int i = 0; i < rows.size(); i++) {
            ReportForm.Agg a = rows.get(i);
            List<Option> fns = new ArrayList<>();
            fns.add(new Option("", "(none)", a.fn().isEmpty()));
            for (String[] fn : FNS) {
                fns.add(new Option(fn[0], fn[1], fn[0].equals(a.fn())));
            }
            boolean numeric = a.fn().equals("sum") || a.fn().equals("avg");
            out.add(new AggRow(i, fns, options(fields, k -> !numeric || fields.get(k).type().isNumeric()
                    || k.equals(a.column()), a.column()), errors.errorOf("a" + i + "_fn"),
                    errors.errorOf("a" + i + "_column")));
        }
        return out;
    }

    /** "(none)", then the fields {@code offered} accepts, by label; {@code selected} is kept even if unknown. */
    private static List<Option> options(Map<String, FieldInfo> fields, java.util.function.Predicate<String> offered,
            String selected) {
        List<Option> out = new ArrayList<>();
        out.add(new Option("", "(none)", selected.isEmpty()));
        fields.forEach((name, info) -> {
            if (offered.test(name) || name.equals(selected)) {
                out.add(new Option(name, info.label(), name.equals(selected)));
            }
        });
        if (!selected.isEmpty() && !fields.containsKey(selected)) {
            out.add(new Option(selected, selected, true));
        }
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
