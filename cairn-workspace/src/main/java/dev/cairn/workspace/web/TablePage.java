package dev.cairn.workspace.web;

import dev.cairn.server.web.Format;
import dev.cairn.workspace.WorkspaceModule;
import dev.cairn.workspace.http.ListingParams;
import dev.cairn.workspace.members.Caller;
import dev.cairn.workspace.model.FieldError;
import dev.cairn.workspace.model.FilterOp;
import dev.cairn.workspace.model.ValidationException;
import dev.cairn.workspace.records.Filter;
import dev.cairn.workspace.records.FilterInput;
import dev.cairn.workspace.records.RecordPage;
import dev.cairn.workspace.records.RecordQuery;
import dev.cairn.workspace.schema.ColumnSpec;
import dev.cairn.workspace.schema.TableSpec;
import dev.cairn.workspace.web.GridViews.GridColumn;
import dev.cairn.workspace.web.GridViews.GridRow;
import dev.cairn.workspace.web.RecordViews.DeletedRow;
import dev.cairn.workspace.web.RecordViews.Option;
import dev.cairn.workspace.web.RecordViews.Ws;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table's records, {@link #PAGE_SIZE} a page: sorted by a column heading (again: descending), a quick search over the
 * text columns ({@code q}), one column filter ({@code fcol}, {@code fop}, {@code fval}), paging links, and the records
 * deleted recently. Plain links and GET forms; htmx swaps in the records table only. The records are a grid whose
 * cells editors change in place ({@code grid.js}, {@link CellEdits}; ADR 43); each row links to the record's form.
 * Thread-safe.
 */
final class TablePage {
    static final int PAGE_SIZE = 25;
    private final WsScope scope;
    private final WorkspaceModule ws;
    private final WsAssets.Paths assets;

    TablePage(WsScope scope, WorkspaceModule ws, WsAssets.Paths assets) {
        this.scope = scope;
        this.ws = ws;
        this.assets = assets;
    }

    /** The page's parameters, stripped ({@code ""} when absent); the condition is {@code contains} unless given. */
    private record Params(String q, String sort, String fcol, String fop, String fval, int offset) {
        static Params of(Context ctx) {
            String fop = param(ctx, "fop");
            return new Params(param(ctx, "q"), TableSorts.of(ctx), param(ctx, "fcol"), fop.isEmpty() ? "contains" : fop,
                    param(ctx, "fval"), Math.max(0, number(param(ctx, "offset"))));
        }

        /** The listing: the search, the sort, and the filter once it has a column and a value (or takes none). */
        RecordQuery query() {
            List<FilterInput> filters = new ArrayList<>();
            boolean valueless = fop.equals("empty") || fop.equals("notempty");
            if (!fcol.isEmpty() && (!fval.isEmpty() || valueless)) {
                filters.add(FilterOp.fromWire(fop).<FilterInput>map(op -> Filter.typed(fcol, op,
                        fop.endsWith("empty") ? null : fval)).orElseGet(() -> new FilterInput.Unreadable(fcol,
                        "'" + fop + "' is not an operator (" + FilterOp.wireNames() + ")")));
            }
            return new RecordQuery(filters, ListingParams.sort(sort), q.isEmpty() ? null : q, PAGE_SIZE, offset);
        }

        /** The links' parameters besides sort and offset (the filter's condition only with its column). */
        Map<String, String> state() {
            Map<String, String> state = new LinkedHashMap<>();
            state.put("q", q);
            state.put("fcol", fcol);
            state.put("fop", fcol.isEmpty() ? "" : fop);
            state.put("fval", fval);
            return state;
        }
    }

    /**
     * {@code GET .../tables/{table}?q=&sort=&fcol=&fop=&fval=&offset=}, or the filter form's sort rows
     * {@code s<i>}/{@code s<i>_desc} instead of {@code sort} ({@link TableSorts}).
     */
    void table(Context ctx) {
        Caller c = scope.caller(ctx);
        Ws v = WsScope.view(c);
        TableSpec t = ws.tables().get(c, ctx.pathParam("table"));
        Params p = Params.of(ctx);
        String problem = null;
        RecordPage page;
        try {
            page = ws.records().list(c, t.name(), p.query());
        } catch (ValidationException e) {
            problem = String.join(" ", e.errors().stream().map(f -> Format.sentence(f.message())).toList())
                    + " The filter was not applied.";
            page = ws.records().list(c, t.name(), RecordQuery.first(PAGE_SIZE));
        }
        GridCells grid = new GridCells(ws, c);
        String here = v.table(t.name());
        grid.preload(t, page.records());
        List<GridRow> rows = page.records().stream().map(r -> grid.row(t, r)).toList();
        scope.pages().render(ctx, problem == null ? 200 : 400, "wsTable.jte", scope.chrome(ctx, Labels.of(t)),
                "ws", v, "table", t.name(), "title", Labels.of(t), "columns", columns(grid, GridCells.shown(t), p,
                here), "rows", rows, "assets", assets, "prev", p.offset() > 0 ? pageLink(here, p, p.offset()
                - PAGE_SIZE) : null, "next", page.hasMore() ? pageLink(here, p, p.offset() + PAGE_SIZE) : null,
                "from", page.records().isEmpty() ? 0 : p.offset() + 1, "to", p.offset() + page.records().size(),
                "q", p.q(), "sorts", TableSorts.rows(t, p.sort()), "filterColumns", filterColumns(t, p), "ops", ops(p), "fval", p.fval(),
                "problem", problem, "deleted", deleted(c, v, t), "notice", WsScope.notice(ctx));
    }

    /**
     * The grid's columns, each heading a link that makes it the first sort key (ascending, then descending), the
     * other keys kept after it.
     */
    private static List<GridColumn> columns(GridCells grid, List<ColumnSpec> shown, Params p, String here) {
        List<GridColumn> columns = new ArrayList<>();
        for (ColumnSpec col : shown) {
            Map<String, String> s = p.state();
            s.put("sort", TableSorts.clicked(p.sort(), col.name()));
            columns.add(grid.column(col, here + query(s), TableSorts.ariaSort(p.sort(), col.name())));
        }
        return columns;
    }

    private static String pageLink(String here, Params p, int offset) {
        Map<String, String> paging = p.state();
        paging.put("sort", p.sort());
        paging.put("offset", String.valueOf(Math.max(0, offset)));
        return here + query(paging);
    }

    private static List<Option> filterColumns(TableSpec t, Params p) {
        return t.columns().stream().map(col -> new Option(col.name(), Labels.of(col), col.name().equals(p.fcol())))
                .toList();
    }

    private static List<Option> ops(Params p) {
        return FilterOp.QUICK.stream().map(op -> new Option(op.wireName(), op.quickLabel(),
                op.wireName().equals(p.fop()))).toList();
    }

    /** The records deleted recently (the newest 20), with links to their history. */
    private List<DeletedRow> deleted(Caller c, Ws v, TableSpec t) {
        return ws.records().deleted(c, t.name()).stream().limit(20).map(d -> new DeletedRow(d.record().id(),
                Labels.record(t, d.record()), Format.time(d.deletedAt(), ""), String.valueOf(d.deletedBy()),
                v.record(t.name(), d.record().id()) + "/history")).toList();
    }

    private static String param(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null ? "" : v.strip();
    }

    private static int number(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String query(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, val) -> {
            if (val != null && !val.isEmpty() && !(k.equals("offset") && val.equals("0"))) {
                sb.append(sb.isEmpty() ? "?" : "&").append(k).append('=')
                        .append(URLEncoder.encode(val, StandardCharsets.UTF_8));
            }
        });
        return sb.toString();
    }
}
