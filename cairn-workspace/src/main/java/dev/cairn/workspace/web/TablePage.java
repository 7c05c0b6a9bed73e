package dev.cairn.workspace.web;

import dev.cairn.server.web.Format;
import dev.cairn.workspace.WorkspaceModule;
import dev.cairn.workspace.http.ListingParams;
import dev.cairn.workspace.members.Caller;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.FieldError;
import dev.cairn.workspace.model.FilterOp;
import dev.cairn.workspace.model.ValidationException;
import dev.cairn.workspace.model.Attachment;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.records.Filter;
import dev.cairn.workspace.records.FilterInput;
import dev.cairn.workspace.records.Record;
import dev.cairn.workspace.records.RecordPage;
import dev.cairn.workspace.records.RecordQuery;
import dev.cairn.workspace.schema.ColumnSpec;
import dev.cairn.workspace.schema.TableSpec;
import dev.cairn.workspace.web.RecordViews.Cell;
import dev.cairn.workspace.web.RecordViews.DeletedRow;
import dev.cairn.workspace.web.RecordViews.Heading;
import dev.cairn.workspace.web.RecordViews.Option;
import dev.cairn.workspace.web.RecordViews.Row;
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
 * deleted recently. Plain links and GET forms; htmx swaps in the records table only. Thread-safe.
 */
final class TablePage {
    static final int PAGE_SIZE = 25;
    private final WsScope scope;
    private final WorkspaceModule ws;

    TablePage(WsScope scope, WorkspaceModule ws) {
        this.scope = scope;
        this.ws = ws;
    }

    /** The page's parameters, stripped ({@code ""} when absent); the condition is {@code contains} unless given. */
    private record Params(String q, String sort, String fcol, String fop, String fval, int offset) {
        static Params of(Context ctx) {
            String fop = param(ctx, "fop");
            return new Params(param(ctx, "q"), param(ctx, "sort"), param(ctx, "fcol"), fop.isEmpty() ? "contains" : fop,
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

    /** {@code GET .../tables/{table}?q=&sort=&fcol=&fop=&fval=&offset=} */
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
        List<ColumnSpec> shown = t.columns().stream().filter(col -> col.type() != ColumnType.LONG_TEXT).toList();
        String here = v.table(t.name());
        scope.pages().render(ctx, problem == null ? 200 : 400, "wsTable.jte", scope.chrome(ctx, Labels.of(t)),
                "ws", v, "table", t.name(), "title", Labels.of(t), "headings", headings(shown, p, here),
                "rows", rows(c, v, t, shown, page), "prev", p.offset() > 0 ? pageLink(here, p, p.offset() - PAGE_SIZE)
                : null, "next", page.hasMore() ? pageLink(here, p, p.offset() + PAGE_SIZE) : null,
                "from", page.records().isEmpty() ? 0 : p.offset() + 1, "to", p.offset() + page.records().size(),
                "q", p.q(), "sort", p.sort(), "filterColumns", filterColumns(t, p), "ops", ops(p), "fval", p.fval(),
                "problem", problem, "deleted", deleted(c, v, t), "notice", WsScope.notice(ctx));
    }

    /** The column headings, each a link that sorts by it (ascending, then descending). */
    private static List<Heading> headings(List<ColumnSpec> shown, Params p, String here) {
        List<Heading> headings = new ArrayList<>();
        for (ColumnSpec col : shown) {
            boolean asc = p.sort().equals(col.name());
            boolean desc = p.sort().equals("-" + col.name());
            Map<String, String> s = p.state();
            s.put("sort", asc ? "-" + col.name() : col.name());
            headings.add(new Heading(col.name(), Labels.of(col), here + query(s),
                    asc ? "ascending" : desc ? "descending" : null, col.type().isNumeric()));
        }
        return headings;
    }

    private List<Row> rows(Caller c, Ws v, TableSpec t, List<ColumnSpec> shown, RecordPage page) {
        ReferenceLabels references = new ReferenceLabels(ws, c);
        shown.stream().filter(col -> col.type() == ColumnType.REFERENCE).forEach(col -> references.load(col,
                page.records().stream().map(r -> r.value(col.name())).filter(Value.Reference.class::isInstance)
                        .map(ref -> ((Value.Reference) ref).id()).toList()));
        List<Row> rows = new ArrayList<>();
        for (Record r : page.records()) {
            List<Cell> cells = new ArrayList<>();
            for (ColumnSpec col : shown) {
                cells.add(cell(v, col, r.value(col.name()), references));
            }
            rows.add(new Row(r.id(), v.record(t.name(), r.id()), cells));
        }
        return rows;
    }

    private static Cell cell(Ws v, ColumnSpec col, Value value, ReferenceLabels references) {
        if (value instanceof Value.Reference ref) {
            return new Cell(references.of(col, ref.id()), v.record(col.references(), ref.id()));
        }
        if (value instanceof Attachment file) {
            return new Cell(file.name(), v.file(file.id()));
        }
        return new Cell(Labels.display(value), null, col.type().isNumeric());
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
