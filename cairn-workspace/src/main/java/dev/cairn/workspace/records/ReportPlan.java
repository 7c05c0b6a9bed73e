package dev.cairn.workspace.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.server.db.Dialect;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * A report resolved against the schema: the fields, filters, groups, aggregates and sort of a {@link ReportSpec}, with
 * column ids in place of names. It builds ONE SQL statement that lets the database filter, join (one reference level),
 * group, aggregate, sort and limit; identifiers come from column ids and fixed keywords only, values are bound.
 * Money aggregates are computed per currency (the currency joins the grouping), never summed across currencies.
 */
final class ReportPlan {
    static final int MAX_LIMIT = 100_000;
    static final int DEFAULT_LIMIT = 1_000;
    private static final List<String> FUNCTIONS = List.of("count", "sum", "avg", "min", "max");

    /** A column of the table, or of the table a reference column ({@code via}) points to. */
    record Field(Column column, Column via) {
        String alias() {
            return via == null ? "t." : "j" + via.id() + ".";
        }

        String name() {
            return via == null ? column.name() : via.name() + "." + column.name();
        }

        ObjectNode stored() {
            ObjectNode o = Values.JSON.createObjectNode().put("column", column.id());
            if (via != null) {
                o.put("via", via.id());
            }
            return o;
        }
    }

    record Agg(String fn, Field field) {
        String name() {
            return field == null ? fn : fn + "_" + field.name().replace('.', '_');
        }

        String type() {
            if (fn.equals("count")) {
                return ColumnType.INTEGER.wireName();
            }
            if (fn.equals("avg") && field.column().type() != ColumnType.MONEY) {
                return ColumnType.DECIMAL.wireName();
            }
            return field.column().type().wireName();
        }
    }

    record SortItem(String output, boolean desc) {
    }

    final TableDef table;
    final List<Field> columns = new ArrayList<>();
    final List<Condition> conditions = new ArrayList<>();
    final List<JsonNode> storedFilters = new ArrayList<>();
    final List<Field> groups = new ArrayList<>();
    final List<Agg> aggregates = new ArrayList<>();
    final List<SortItem> sort = new ArrayList<>();
    int limit = DEFAULT_LIMIT;

    private ReportPlan(TableDef table) {
        this.table = table;
    }

    boolean grouped() {
        return !groups.isEmpty() || !aggregates.isEmpty();
    }

    // ---- from the API form

    static ReportPlan resolve(Handle h, Schema schema, TableDef t, ReportSpec spec) {
        ReportPlan plan = new ReportPlan(t);
        List<FieldError> errors = new ArrayList<>();
        boolean hasColumns = spec.columns() != null && !spec.columns().isEmpty();
        boolean grouping = spec.groupBy() != null && !spec.groupBy().isEmpty()
                || spec.aggregates() != null && !spec.aggregates().isEmpty();
        if (hasColumns && grouping) {
            errors.add(new FieldError("columns", "a grouped report shows its groupBy fields and aggregates; leave "
                    + "columns out"));
        }
        list(spec.columns()).forEach((i, name) -> plan.addField(plan.columns, field(h, schema, t, name,
                "columns[" + i + "]", errors)));
        list(spec.groupBy()).forEach((i, name) -> plan.addField(plan.groups, field(h, schema, t, name,
                "groupBy[" + i + "]", errors)));
        list(spec.aggregates()).forEach((i, a) -> plan.addAggregate(h, schema, a, "aggregates[" + i + "]", errors));
        list(spec.filters()).forEach((i, f) -> plan.addFilter(h, schema, f, "filters[" + i + "]", errors));
        if (!hasColumns && !grouping) {
            t.columns().forEach(c -> plan.columns.add(new Field(c, null)));
        }
        Set<String> outputs = plan.outputNames();
        list(spec.sort()).forEach((i, s) -> {
            if (s == null || s.column() == null || !outputs.contains(s.column())) {
                errors.add(new FieldError("sort[" + i + "].column", "'" + (s == null ? null : s.column())
                        + "' is not a column of the result " + outputs));
            } else {
                plan.sort.add(new SortItem(s.column(), s.desc()));
            }
        });
        if (spec.limit() != null) {
            if (spec.limit() < 1 || spec.limit() > MAX_LIMIT) {
                errors.add(new FieldError("limit", "must be 1 to " + MAX_LIMIT));
            } else {
                plan.limit = spec.limit();
            }
        }
        Schema.throwIfAny(errors, "the report is invalid");
        return plan;
    }

    private static <T> Map<Integer, T> list(List<T> items) {
        Map<Integer, T> out = new LinkedHashMap<>();
        if (items != null) {
            for (int i = 0; i < items.size(); i++) {
                out.put(i, items.get(i));
            }
        }
        return out;
    }

    private void addField(List<Field> into, Field f) {
        if (f != null && into.stream().noneMatch(x -> x.name().equals(f.name()))) {
            into.add(f);
        }
    }

    private static Field field(Handle h, Schema schema, TableDef t, String name, String path, List<FieldError> errors) {
        if (name == null) {
            errors.add(new FieldError(path, "is missing"));
            return null;
        }
        String[] parts = name.split("\\.", -1);
        if (parts.length > 2) {
            errors.add(new FieldError(path, "'" + name + "': reports follow references one level only"));
            return null;
        }
        Column first = t.column(parts[0]).orElse(null);
        if (first == null) {
            errors.add(new FieldError(path, "no column '" + parts[0] + "' in '" + t.name() + "'"));
            return null;
        }
        if (parts.length == 1) {
            return new Field(first, null);
        }
        if (first.type() != ColumnType.REFERENCE) {
            errors.add(new FieldError(path, "'" + parts[0] + "' is not a reference column"));
            return null;
        }
        TableDef target = schema.byId(h, first.references());
        Column second = target.column(parts[1]).orElse(null);
        if (second == null) {
            errors.add(new FieldError(path, "no column '" + parts[1] + "' in '" + target.name() + "'"));
            return null;
        }
        return new Field(second, first);
    }

    private void addAggregate(Handle h, Schema schema, ReportSpec.Aggregate a, String path, List<FieldError> errors) {
        if (a == null || a.fn() == null || !FUNCTIONS.contains(a.fn())) {
            errors.add(new FieldError(path + ".fn", "use one of " + FUNCTIONS));
            return;
        }
        Field f = a.column() == null ? null : field(h, schema, table, a.column(), path + ".column", errors);
        if (f == null && (a.column() != null || !a.fn().equals("count"))) {
            if (a.column() == null) {
                errors.add(new FieldError(path + ".column", a.fn() + " needs a column"));
            }
            return;
        }
        ColumnType type = f == null ? null : f.column().type();
        if ((a.fn().equals("sum") || a.fn().equals("avg")) && !type.isNumeric()) {
            errors.add(new FieldError(path + ".column", a.fn() + " needs an integer, decimal or money column; '"
                    + f.name() + "' is " + type.wireName()));
            return;
        }
        if ((a.fn().equals("min") || a.fn().equals("max")) && (type == ColumnType.BOOLEAN
                || type == ColumnType.LONG_TEXT)) {
            errors.add(new FieldError(path + ".column", a.fn() + " does not apply to " + type.wireName()));
            return;
        }
        Agg agg = new Agg(a.fn(), f);
        if (aggregates.stream().noneMatch(x -> x.name().equals(agg.name()))) {
            aggregates.add(agg);
        }
    }

    private void addFilter(Handle h, Schema schema, ReportSpec.Filter f, String path, List<FieldError> errors) {
        if (f == null) {
            errors.add(new FieldError(path, "is null"));
            return;
        }
        Field field = field(h, schema, table, f.column(), path + ".column", errors);
        FilterOp op = f.op() == null ? null : FilterOp.fromWire(f.op()).orElse(null);
        if (op == null) {
            errors.add(new FieldError(path + ".op", "use one of eq ne lt lte gt gte contains startswith in empty "
                    + "notempty"));
        }
        if (field == null || op == null) {
            return;
        }
        List<JsonNode> raw = f.values() != null ? f.values() : f.value() != null ? List.of(f.value()) : List.of();
        List<String> texts = new ArrayList<>();
        for (JsonNode v : raw) {
            if (!v.isValueNode() || v.isNull()) {
                errors.add(new FieldError(path + ".value", "filter values are strings, numbers or booleans"));
                return;
            }
            texts.add(v.asText());
        }
        Condition c = RecordQuery.condition(field.column(), op, texts, path, errors);
        if (c != null) {
            conditions.add(c.on(field.alias()));
            ObjectNode stored = field.stored().put("op", op.wireName());
            ArrayNode values = stored.putArray("values");
            raw.forEach(values::add);
            storedFilters.add(stored);
        }
    }

    // ---- stored form (column ids)

    ObjectNode toStored() {
        ObjectNode o = Values.JSON.createObjectNode();
        columns.forEach(f -> o.withArray("columns").add(f.stored()));
        storedFilters.forEach(f -> o.withArray("filters").add(f));
        groups.forEach(f -> o.withArray("groupBy").add(f.stored()));
        aggregates.forEach(a -> o.withArray("aggregates").add(a.field() == null
                ? Values.JSON.createObjectNode().put("fn", a.fn()) : a.field().stored().put("fn", a.fn())));
        for (SortItem s : sort) {
            ObjectNode item = o.withArray("sort").addObject().put("desc", s.desc());
            outputRef(s.output(), item);
        }
        o.put("limit", limit);
        return o;
    }

    /** Stores a sort target by ids: a field, or an aggregate (fn plus its field). */
    private void outputRef(String output, ObjectNode into) {
        for (Field f : outputFields()) {
            if (f.name().equals(output)) {
                into.setAll(f.stored());
                return;
            }
        }
        for (Agg a : aggregates) {
            if (a.name().equals(output)) {
                into.put("fn", a.fn());
                if (a.field() != null) {
                    into.setAll(a.field().stored());
                }
            }
        }
    }

    /** The API form of a stored definition (names as they are now). */
    static ReportSpec toSpec(Handle h, Schema schema, TableDef t, long id, String name, JsonNode stored) {
        List<String> columns = names(h, schema, t, stored.path("columns"));
        List<String> groups = names(h, schema, t, stored.path("groupBy"));
        List<ReportSpec.Filter> filters = new ArrayList<>();
        for (JsonNode f : stored.path("filters")) {
            List<JsonNode> values = new ArrayList<>();
            f.path("values").forEach(values::add);
            String op = f.path("op").asText();
            boolean many = op.equals("in");
            filters.add(new ReportSpec.Filter(fieldName(h, schema, t, f), op, !many && values.size() == 1
                    ? values.getFirst() : null, many ? values : null));
        }
        List<ReportSpec.Aggregate> aggregates = new ArrayList<>();
        for (JsonNode a : stored.path("aggregates")) {
            aggregates.add(new ReportSpec.Aggregate(a.path("fn").asText(), a.has("column") ? fieldName(h, schema, t, a)
                    : null));
        }
        List<ReportSpec.Sort> sort = new ArrayList<>();
        for (JsonNode s : stored.path("sort")) {
            String field = s.has("column") ? fieldName(h, schema, t, s) : null;
            String output = s.has("fn") ? new Agg(s.path("fn").asText(), null).fn()
                    + (field == null ? "" : "_" + field.replace('.', '_')) : field;
            sort.add(new ReportSpec.Sort(output, s.path("desc").asBoolean()));
        }
        return new ReportSpec(id, name, t.name(), columns.isEmpty() ? null : columns, filters.isEmpty() ? null
                : filters, groups.isEmpty() ? null : groups, aggregates.isEmpty() ? null : aggregates,
                sort.isEmpty() ? null : sort, stored.path("limit").asInt(DEFAULT_LIMIT));
    }

    private static List<String> names(Handle h, Schema schema, TableDef t, JsonNode fields) {
        List<String> out = new ArrayList<>();
        fields.forEach(f -> out.add(fieldName(h, schema, t, f)));
        return out;
    }

    private static String fieldName(Handle h, Schema schema, TableDef t, JsonNode f) {
        Column column;
        if (f.has("via")) {
            Column via = t.columnById(f.get("via").asLong()).orElseThrow();
            column = schema.byId(h, via.references()).columnById(f.get("column").asLong()).orElseThrow();
            return via.name() + "." + column.name();
        }
        return t.columnById(f.get("column").asLong()).orElseThrow().name();
    }

    // ---- SQL

    private List<Field> outputFields() {
        return grouped() ? groups : columns;
    }

    Set<String> outputNames() {
        Set<String> out = new LinkedHashSet<>();
        outputFields().forEach(f -> out.add(f.name()));
        aggregates.forEach(a -> out.add(a.name()));
        return out;
    }

    List<ReportResult.ResultColumn> resultColumns() {
        List<ReportResult.ResultColumn> out = new ArrayList<>();
        outputFields().forEach(f -> out.add(new ReportResult.ResultColumn(f.name(), f.column().type().wireName())));
        aggregates.forEach(a -> out.add(new ReportResult.ResultColumn(a.name(), a.type())));
        return out;
    }

    /** The statement; result labels are o0, o1, … (money: oN_cur too). */
    SqlText sql(Dialect dialect) {
        SqlText sql = new SqlText(dialect);
        List<String> select = new ArrayList<>();
        List<String> groupBy = new ArrayList<>();
        Map<String, Integer> position = new LinkedHashMap<>();
        int i = 0;
        for (Field f : outputFields()) {
            position.put(f.name(), select.size() + 1);
            select.add(f.alias() + f.column().sql() + " AS o" + i);
            groupBy.add(f.alias() + f.column().sql());
            if (f.column().type() == ColumnType.MONEY) {
                select.add(f.alias() + f.column().currencySql() + " AS o" + i + "_cur");
                groupBy.add(f.alias() + f.column().currencySql());
            }
            i++;
        }
        for (Agg a : aggregates) {
            position.put(a.name(), select.size() + 1);
            String target = a.field() == null ? "*" : a.field().alias() + a.field().column().sql();
            select.add(a.fn().toUpperCase(java.util.Locale.ROOT) + "(" + target + ") AS o" + i);
            if (a.field() != null && a.field().column().type() == ColumnType.MONEY && !a.fn().equals("count")) {
                String currency = a.field().alias() + a.field().column().currencySql();
                select.add(currency + " AS o" + i + "_cur");
                if (!groupBy.contains(currency)) {
                    groupBy.add(currency);
                }
            }
            i++;
        }
        sql.append("SELECT " + String.join(", ", select) + " FROM " + table.sql() + " t");
        for (Column via : joins()) {
            String j = "j" + via.id();
            sql.append(" LEFT JOIN r_" + via.references() + " " + j + " ON " + j + ".id = t." + via.sql());
        }
        sql.where("t.", conditions, List.of(), null);
        if (grouped() && !groupBy.isEmpty()) {
            sql.append(" GROUP BY " + String.join(", ", groupBy));
        }
        List<String> order = new ArrayList<>();
        for (SortItem s : sort) {
            order.add(sql.orderKey(Integer.toString(position.get(s.output())), s.desc()));
        }
        if (grouped()) {
            for (int p = 1; p <= outputFields().size(); p++) {
                order.add(Integer.toString(position.get(outputFields().get(p - 1).name())));
            }
        } else {
            order.add("t.id");
        }
        if (!order.isEmpty()) {
            sql.append(" ORDER BY " + String.join(", ", order));
        }
        sql.append(" LIMIT " + limit);
        return sql;
    }

    private Set<Column> joins() {
        Set<Column> out = new LinkedHashSet<>();
        List<Field> all = new ArrayList<>(columns);
        all.addAll(groups);
        aggregates.stream().filter(a -> a.field() != null).forEach(a -> all.add(a.field()));
        all.stream().filter(f -> f.via() != null).forEach(f -> out.add(f.via()));
        conditions.stream().filter(c -> c.alias() != null && !c.alias().equals("t.")).forEach(c -> out.add(
                table.columnById(Long.parseLong(c.alias().substring(1, c.alias().length() - 1))).orElseThrow()));
        return out;
    }

    /** One result row in wire form, in {@link #resultColumns()} order. */
    List<Object> read(ResultSet rs) throws SQLException {
        List<Object> row = new ArrayList<>();
        int i = 0;
        for (Field f : outputFields()) {
            row.add(Values.toWire(f.column(), Values.readAs(rs, f.column(), "o" + i, "o" + i + "_cur")));
            i++;
        }
        for (Agg a : aggregates) {
            row.add(aggregate(rs, a, "o" + i));
            i++;
        }
        return row;
    }

    private static Object aggregate(ResultSet rs, Agg a, String label) throws SQLException {
        if (a.fn().equals("count")) {
            return rs.getLong(label);
        }
        Column c = a.field().column();
        if (a.fn().equals("avg")) {
            double avg = rs.getDouble(label);
            if (rs.wasNull()) {
                return null;
            }
            int scale = c.type() == ColumnType.INTEGER ? 0 : c.scale();
            BigDecimal value = new BigDecimal(avg).movePointLeft(scale).setScale(scale + 2, RoundingMode.HALF_EVEN);
            return c.type() == ColumnType.MONEY ? Values.toWire(c, new Money(value, rs.getString(label + "_cur")))
                    : value;
        }
        return Values.toWire(c, Values.readAs(rs, c, label, label + "_cur"));
    }
}
