package dev.cairn.workspace.records;

import java.util.ArrayList;
import java.util.List;

/**
 * A listing request in its wire form: filters {@code column:op[:value]} ({@code in} takes comma-separated values;
 * write {@code \,} for a comma inside a value), sort {@code name,-total} (a leading {@code -} is descending; {@code id}
 * is allowed), quick search over textual columns, and paging.
 */
public record RecordQuery(List<String> filters, String sort, String search, int limit, int offset) {
    public static final int MAX_LIMIT = 1000;
    public static final int DEFAULT_LIMIT = 50;

    /** The parsed conditions; failures are collected under {@code filter[i]}. */
    List<Condition> conditions(TableDef table, List<FieldError> errors) {
        List<Condition> out = new ArrayList<>();
        for (int i = 0; i < filters.size(); i++) {
            Condition c = parse(table, filters.get(i), "filter[" + i + "]", errors);
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    private static Condition parse(TableDef table, String filter, String path, List<FieldError> errors) {
        String[] parts = filter.split(":", 3);
        if (parts.length < 2) {
            errors.add(new FieldError(path, "write column:operator:value, e.g. status:eq:open"));
            return null;
        }
        var column = table.column(parts[0]);
        var op = FilterOp.fromWire(parts[1]);
        if (column.isEmpty() || op.isEmpty()) {
            errors.add(new FieldError(path, column.isEmpty() ? "no column '" + parts[0] + "'"
                    : "'" + parts[1] + "' is not an operator (eq ne lt lte gt gte contains startswith in empty notempty)"));
            return null;
        }
        List<String> texts = parts.length < 3 ? List.of() : op.get() == FilterOp.IN ? splitList(parts[2])
                : List.of(parts[2]);
        return condition(column.get(), op.get(), texts, path, errors);
    }

    /** A condition from text values (filters, report definitions); null with errors if invalid. */
    static Condition condition(Column column, FilterOp op, List<String> texts, String path, List<FieldError> errors) {
        if (!op.appliesTo(column.type())) {
            errors.add(new FieldError(path, "'" + op.wireName() + "' does not apply to " + column.type().wireName()
                    + " column '" + column.name() + "'"));
            return null;
        }
        if (op.arity() == 0 && !texts.isEmpty() || op.arity() == 1 && texts.size() != 1
                || op.arity() < 0 && texts.isEmpty()) {
            errors.add(new FieldError(path, "'" + op.wireName() + "' takes " + (op.arity() == 0 ? "no value"
                    : op.arity() == 1 ? "one value" : "one or more values")));
            return null;
        }
        int before = errors.size();
        List<Object> values = new ArrayList<>();
        for (String text : texts) {
            Column asValue = column.type() == ColumnType.MONEY ? amountOf(column) : column;
            Object v = op == FilterOp.CONTAINS || op == FilterOp.STARTS_WITH ? text
                    : Values.fromText(asValue, text, path, errors);
            if (v == null && errors.size() == before) {
                errors.add(new FieldError(path, "give a value, or use 'empty'"));
            }
            values.add(v);
        }
        return errors.size() > before ? null : new Condition(column, op, values);
    }

    /** Money filters compare the amount: a decimal view of the column. */
    private static Column amountOf(Column money) {
        return new Column(money.id(), money.name(), money.label(), ColumnType.DECIMAL, false, false, false, List.of(),
                money.scale(), null, null, null, 0, false);
    }

    private static List<String> splitList(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == ',') {
                current.append(',');
                i++;
            } else if (c == ',') {
                out.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        out.add(current.toString());
        return out;
    }

    /** Parsed sort keys (column null means the record id). */
    record SortKey(Column column, boolean descending) {
    }

    List<SortKey> sortKeys(TableDef table, List<FieldError> errors) {
        List<SortKey> keys = new ArrayList<>();
        if (sort == null || sort.isBlank()) {
            return keys;
        }
        for (String part : sort.split(",")) {
            String name = part.strip();
            boolean desc = name.startsWith("-");
            name = desc ? name.substring(1) : name;
            if (name.equals("id")) {
                keys.add(new SortKey(null, desc));
                continue;
            }
            var column = table.column(name);
            if (column.isEmpty()) {
                errors.add(new FieldError("sort", "no column '" + name + "'"));
            } else {
                keys.add(new SortKey(column.get(), desc));
            }
        }
        return keys;
    }

    void checkPaging(List<FieldError> errors) {
        if (limit < 1 || limit > MAX_LIMIT) {
            errors.add(new FieldError("limit", "must be 1 to " + MAX_LIMIT));
        }
        if (offset < 0) {
            errors.add(new FieldError("offset", "must be 0 or more"));
        }
    }
}
