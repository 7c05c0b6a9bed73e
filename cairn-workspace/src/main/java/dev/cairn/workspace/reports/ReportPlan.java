package dev.cairn.workspace.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.FieldError;
import dev.cairn.workspace.model.FilterOp;
import dev.cairn.workspace.model.Money;
import dev.cairn.workspace.model.StoredJson;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.model.ValidationException;
import dev.cairn.workspace.query.Condition;
import dev.cairn.workspace.query.Conditions;
import dev.cairn.workspace.schema.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * A report resolved against the schema: the fields, filters, groups, aggregates and sort of a {@link ReportSpec}, with
 * column ids in place of names, checked, and its stored form ({@link #toStored()}). {@link ReportSql} turns it into one
 * statement. Money aggregates are computed per currency (the currency joins the grouping), never summed across
 * currencies.
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

        /** As people read it: {@code Billing address}, {@code Customer › Name}. */
        String label() {
            return via == null ? column.title() : via.title() + " › " + column.title();
        }

        ObjectNode stored() {
            ObjectNode o = StoredJson.MAPPER.createObjectNode().put("column", column.id());
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

        /** As people read it: {@code Count}, {@code Quantity (sum)}, {@code Customer › Credit (average)}. */
        String label() {
            String word = switch (fn) {
                case "avg" -> "average";
                case "min" -> "minimum";
                case "max" -> "maximum";
                default -> fn;
            };
            return field == null ? "Count" : field.label() + " (" + word + ")";
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
    /** The filters in people's words, in order: {@code Status equals paid}, {@code Customer equals Acme}. */
    final List<String> filterWords = new ArrayList<>();
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
            errors.add(new FieldError("columns", "a grouped report shows its groups and totals, not a list of "
                    + "columns; remove the columns or the grouping"));
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
        ValidationException.throwIfAny(errors, "the report is invalid");
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
            errors.add(new FieldError(path + ".op", "use one of " + FilterOp.wireNames()));
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
        if (field.column().type() == ColumnType.REFERENCE && op.arity() != 0) {
            ReferenceFilter refs = ReferenceFilter.resolve(h, schema.byId(h, field.column().references()), texts,
                    path + ".value", errors);
            if (refs == null) {
                return;
            }
            texts = refs.ids();
            raw = texts.stream().<JsonNode>map(id -> com.fasterxml.jackson.databind.node.LongNode.valueOf(
                    Long.parseLong(id))).toList();
            filterWords.add(field.label() + " " + words(op) + " " + String.join(", ", refs.names()));
        } else {
            filterWords.add(field.label() + " " + words(op) + (texts.isEmpty() ? "" : " " + String.join(", ",
                    texts)));
        }
        Condition c = Conditions.of(field.column(), op, texts, path, errors);
        if (c != null) {
            conditions.add(c.on(field.alias()));
            ObjectNode stored = field.stored().put("op", op.wireName());
            ArrayNode values = stored.putArray("values");
            raw.forEach(values::add);
            storedFilters.add(stored);
        } else {
            filterWords.removeLast();
        }
    }

    /** An operator in a sentence: {@code equals}, {@code is one of}, {@code is empty}. */
    private static String words(FilterOp op) {
        return op == FilterOp.IN ? "is one of" : op.label();
    }

    ObjectNode toStored() {
        ObjectNode o = StoredJson.MAPPER.createObjectNode();
        columns.forEach(f -> o.withArray("columns").add(f.stored()));
        storedFilters.forEach(f -> o.withArray("filters").add(f));
        groups.forEach(f -> o.withArray("groupBy").add(f.stored()));
        aggregates.forEach(a -> o.withArray("aggregates").add(a.field() == null
                ? StoredJson.MAPPER.createObjectNode().put("fn", a.fn()) : a.field().stored().put("fn", a.fn())));
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

    List<Field> outputFields() {
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
        outputFields().forEach(f -> out.add(new ReportResult.ResultColumn(f.name(), f.label(),
                f.column().type().wireName())));
        aggregates.forEach(a -> out.add(new ReportResult.ResultColumn(a.name(), a.label(), a.type())));
        return out;
    }
}
