package dev.cairn.workspace.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cairn.workspace.reports.ReportSpec;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The report builder's form: a fixed number of filter, group and aggregate rows (empty rows are left out of the
 * definition), read from a submitted form or from a saved report, turned into a {@link ReportSpec}, and the service's
 * error paths ({@code filters[1].value}) mapped back to the form row they came from ({@code f2_value}). Immutable.
 */
record ReportForm(String name, String table, List<String> columns, List<Filter> filters, List<String> groups,
        List<Agg> aggregates, String sort, boolean desc, String limit) {
    static final int FILTERS = 3;
    static final int GROUPS = 2;
    static final int AGGREGATES = 3;
    private static final Pattern PATH = Pattern.compile(
            "(columns|filters|groupBy|aggregates|sort)\\[(\\d+)](?:\\.(\\w+))?");

    record Filter(String column, String op, String value) {
        boolean isEmpty() {
            return column.isEmpty();
        }
    }

    record Agg(String fn, String column) {
        boolean isEmpty() {
            return fn.isEmpty();
        }
    }

    static ReportForm of(Context ctx) {
        List<Filter> filters = new ArrayList<>();
        for (int i = 0; i < FILTERS; i++) {
            filters.add(new Filter(WsScope.field(ctx, "f" + i + "_column"), WsScope.field(ctx, "f" + i + "_op"),
                    WsScope.field(ctx, "f" + i + "_value")));
        }
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < GROUPS; i++) {
            groups.add(WsScope.field(ctx, "g" + i));
        }
        List<Agg> aggs = new ArrayList<>();
        for (int i = 0; i < AGGREGATES; i++) {
            aggs.add(new Agg(WsScope.field(ctx, "a" + i + "_fn"), WsScope.field(ctx, "a" + i + "_column")));
        }
        List<String> columns = ctx.formParams("columns").stream().map(String::strip).filter(s -> !s.isEmpty())
                .toList();
        return new ReportForm(WsScope.field(ctx, "name"), WsScope.field(ctx, "table"), columns, filters, groups, aggs,
                WsScope.field(ctx, "sort"), !WsScope.field(ctx, "desc").isEmpty(), WsScope.field(ctx, "limit"));
    }

    /** A saved report in the form (rows beyond the form's are dropped; the builder says how many it takes). */
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
        ReportSpec.Sort sort = orEmpty(spec.sort()).stream().findFirst().orElse(null);
        return new ReportForm(spec.name(), spec.table(), orEmpty(spec.columns()), padded(filters, FILTERS,
                new Filter("", "", "")), padded(orEmpty(spec.groupBy()), GROUPS, ""), padded(aggs, AGGREGATES,
                new Agg("", "")), sort == null ? "" : sort.column(), sort != null && sort.desc(),
                spec.limit() == null ? "" : spec.limit().toString());
    }

    /** An empty form on {@code table}. */
    static ReportForm blank(String table) {
        return new ReportForm("", table, List.of(), padded(List.of(), FILTERS, new Filter("", "", "")),
                padded(List.of(), GROUPS, ""), padded(List.of(), AGGREGATES, new Agg("", "")), "", false, "");
    }

    /** Whether the builder's rows hold all of a saved report (else saving from the form would drop the rest). */
    static boolean fitsTheForm(ReportSpec spec) {
        return orEmpty(spec.filters()).size() <= FILTERS && orEmpty(spec.groupBy()).size() <= GROUPS
                && orEmpty(spec.aggregates()).size() <= AGGREGATES && orEmpty(spec.sort()).size() <= 1;
    }

    ReportForm named(String newName) {
        return new ReportForm(newName, table, columns, filters, groups, aggregates, sort, desc, limit);
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
                as.isEmpty() ? null : as, sort.isEmpty() ? null : List.of(new ReportSpec.Sort(sort, desc)),
                limitNumber());
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
            case "columns" -> "columns";
            case "sort" -> "sort";
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

    private static <T> List<T> padded(List<T> list, int size, T empty) {
        List<T> out = new ArrayList<>(list.subList(0, Math.min(size, list.size())));
        while (out.size() < size) {
            out.add(empty);
        }
        return out;
    }
}
