package dev.cairn.workspace.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cairn.workspace.reports.ReportSpec;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The report builder's form: any number of columns (in the order chosen), filter, group and total rows, read from a
 * submitted form (rows {@code c<i>}, {@code f<i>_…}, {@code g<i>}, {@code a<i>_…}, sort keys {@code s<i>} with
 * {@code s<i>_desc}: sort by the first, then by the next, …; empty rows are dropped, so the rows
 * left are numbered from 0 without gaps) or from a saved report, turned into a {@link ReportSpec}, and the service's
 * error paths ({@code filters[1].value}) mapped back to the form row they came from ({@code f1_value}). The page shows
 * one empty row of each kind after the filled ones, which is how a row is added, with or without JavaScript.
 * Immutable.
 */
record ReportForm(String name, String table, List<String> columns, List<Filter> filters, List<String> groups,
        List<Agg> aggregates, List<SortKey> sorts, String limit) {
    /** Most rows of one kind a submitted form is read for (a page never shows more than the filled ones plus one). */
    static final int MAX_ROWS = 100;
    private static final Pattern PATH = Pattern.compile(
            "(columns|filters|groupBy|aggregates|sort)\\[(\\d+)](?:\\.(\\w+))?");

    record Filter(String column, String op, String value) {
        boolean isEmpty() {
            return column.isEmpty();
        }
    }

    /** A sort key: a result column (a field, a group or a total) and its direction. */
    record SortKey(String column, boolean desc) {
        boolean isEmpty() {
            return column.isEmpty();
        }
    }

    record Agg(String fn, String column) {
        boolean isEmpty() {
            return fn.isEmpty() && column.isEmpty();
        }
    }

    static ReportForm of(Context ctx) {
        List<Filter> filters = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        List<Agg> aggs = new ArrayList<>();
        List<SortKey> sorts = new ArrayList<>();
        Set<String> columns = new LinkedHashSet<>();
        ctx.formParams("columns").stream().map(String::strip).filter(s -> !s.isEmpty()).forEach(columns::add);
        for (int i = 0; i < MAX_ROWS; i++) {
            Filter f = new Filter(WsScope.field(ctx, "f" + i + "_column"), WsScope.field(ctx, "f" + i + "_op"),
                    WsScope.field(ctx, "f" + i + "_value"));
            if (!f.isEmpty()) {
                filters.add(f);
            }
            if (!WsScope.field(ctx, "g" + i).isEmpty()) {
                groups.add(WsScope.field(ctx, "g" + i));
            }
            Agg a = new Agg(WsScope.field(ctx, "a" + i + "_fn"), WsScope.field(ctx, "a" + i + "_column"));
            if (!a.isEmpty()) {
                aggs.add(a);
            }
            if (!WsScope.field(ctx, "s" + i).isEmpty()) {
                sorts.add(new SortKey(WsScope.field(ctx, "s" + i), !WsScope.field(ctx, "s" + i + "_desc").isEmpty()));
            }
            if (!WsScope.field(ctx, "c" + i).isEmpty()) {
                columns.add(WsScope.field(ctx, "c" + i));
            }
        }
        return new ReportForm(WsScope.field(ctx, "name"), WsScope.field(ctx, "table"),
                movedUp(List.copyOf(columns), WsScope.field(ctx, "move")), filters,
                groups, aggs, sorts, WsScope.field(ctx, "limit"));
    }

    /** A saved report in the form (all of its rows and sort keys). */
    static ReportForm of(ReportSpec spec) {
        List<Filter> filters = new ArrayList<>();
        for (ReportSpec.Filter f : orEmpty(spec.filters())) {
            List<JsonNode> values = f.values() != null ? f.values()
                    : f.value() != null ? List.of(f.value()) : List.of();
            filters.add(new Filter(f.column(), f.op(), String.join(", ", values.stream().map(JsonNode::asText)
                    .toList())));
        }
        List<Agg> aggs = orEmpty(spec.aggregates()).stream().map(a -> new Agg(a.fn(), a.column() == null ? ""
                : a.column())).toList();
        List<SortKey> sorts = orEmpty(spec.sort()).stream().map(x -> new SortKey(x.column(), x.desc())).toList();
        return new ReportForm(spec.name(), spec.table(), orEmpty(spec.columns()), filters, orEmpty(spec.groupBy()),
                aggs, sorts, spec.limit() == null ? "" : spec.limit().toString());
    }

    /** An empty form on {@code table}. */
    static ReportForm blank(String table) {
        return new ReportForm("", table, List.of(), List.of(), List.of(), List.of(), List.of(), "");
    }

    /**
     * This form with every filter that still lacks its value (a column and a condition that takes one, but no value
     * yet) left out, in place, so the rows keep their numbers: what the live preview computes while the user is still
     * filling a filter in. Saving reads the whole form, and refuses such a filter.
     */
    ReportForm withoutUnfinishedFilters() {
        List<Filter> out = new ArrayList<>();
        for (Filter f : filters) {
            boolean takesValue = dev.cairn.workspace.model.FilterOp.fromWire(f.op()).map(op -> op.arity() != 0)
                    .orElse(false);
            out.add(!f.isEmpty() && takesValue && f.value().isBlank() ? new Filter("", "", "") : f);
        }
        return new ReportForm(name, table, columns, out, groups, aggregates, sorts, limit);
    }

    /** This form with its filter values replaced by {@code values} (in row order). */
    ReportForm withFilterValues(List<String> values) {
        List<Filter> out = new ArrayList<>();
        for (int i = 0; i < filters.size(); i++) {
            Filter f = filters.get(i);
            out.add(new Filter(f.column(), f.op(), values.get(i)));
        }
        return new ReportForm(name, table, columns, out, groups, aggregates, sorts, limit);
    }

    ReportForm named(String newName) {
        return new ReportForm(newName, table, columns, filters, groups, aggregates, sorts, limit);
    }

    /** The definition; {@code fallbackName} stands in for an empty name (previews need none). */
    ReportSpec toSpec(Long id, String fallbackName) {
        List<ReportSpec.Filter> fs = new ArrayList<>();
        for (Filter f : filters) {
            if (f.isEmpty()) {
                continue;
            }
            boolean many = f.op().equals("in");
            List<JsonNode> values = many ? splitList(f.value()) : null;
            fs.add(new ReportSpec.Filter(f.column(), f.op(), many || f.op().endsWith("empty") ? null
                    : TextNode.valueOf(f.value()), values));
        }
        List<String> gs = groups.stream().filter(g -> !g.isEmpty()).toList();
        List<ReportSpec.Aggregate> as = aggregates.stream().filter(a -> !a.isEmpty())
                .map(a -> new ReportSpec.Aggregate(a.fn(), a.column().isEmpty() ? null : a.column())).toList();
        return new ReportSpec(id, name.isEmpty() ? fallbackName : name, table.isEmpty() ? null : table,
                columns.isEmpty() ? null : columns, fs.isEmpty() ? null : fs, gs.isEmpty() ? null : gs,
                as.isEmpty() ? null : as, sorts.isEmpty() ? null : sorts.stream()
                        .map(x -> new ReportSpec.Sort(x.column(), x.desc())).toList(), limitNumber());
    }

    private Integer limitNumber() {
        if (limit.isEmpty()) {
            return null;
        }
        try {
            return Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            return -1; // refused by the service with the limit's rule
        }
    }

    /** The form field a service error path belongs to ({@code filters[0].op} → {@code f<row>_op}); null: the form. */
    String fieldOf(String path) {
        if (path.equals("name") || path.equals("table") || path.equals("limit")) {
            return path;
        }
        Matcher m = PATH.matcher(path);
        if (!m.lookingAt()) {
            return null;
        }
        int i = Integer.parseInt(m.group(2));
        String member = m.group(3);
        return switch (m.group(1)) {
            case "columns" -> "c" + i;
            case "sort" -> "s" + i;
            case "groupBy" -> "g" + row(groups.stream().map(String::isEmpty).toList(), i);
            case "filters" -> "f" + row(filters.stream().map(Filter::isEmpty).toList(), i) + "_"
                    + (member == null || member.equals("values") ? "value" : member);
            default -> "a" + row(aggregates.stream().map(Agg::isEmpty).toList(), i) + "_"
                    + (member == null ? "fn" : member);
        };
    }

    /** The form row of the {@code index}-th non-empty row. */
    private static int row(List<Boolean> empty, int index) {
        int seen = -1;
        for (int r = 0; r < empty.size(); r++) {
            if (!empty.get(r) && ++seen == index) {
                return r;
            }
        }
        return 0;
    }

    private static List<JsonNode> splitList(String text) {
        List<JsonNode> out = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                out.add(TextNode.valueOf(part.strip()));
            }
        }
        return out;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** {@code columns} with column {@code c<i>} (a "move up" button's value) swapped with the one before it. */
    static List<String> movedUp(List<String> columns, String move) {
        if (!move.matches("c\\d{1,3}")) {
            return columns;
        }
        int i = Integer.parseInt(move.substring(1));
        if (i < 1 || i >= columns.size()) {
            return columns;
        }
        List<String> out = new ArrayList<>(columns);
        out.set(i - 1, columns.get(i));
        out.set(i, columns.get(i - 1));
        return out;
    }

    /** {@code list} with one {@code empty} item after it: the rows a page shows. */
    static <T> List<T> plusOne(List<T> list, T empty) {
        List<T> out = new ArrayList<>(list);
        out.add(empty);
        return out;
    }
}
