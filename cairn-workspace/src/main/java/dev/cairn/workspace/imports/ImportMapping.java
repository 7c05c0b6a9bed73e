package dev.cairn.workspace.imports;

import dev.cairn.workspace.model.CellSyntax;
import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.FieldError;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.model.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which file column feeds which table column. By default a file column matches the table column of the same name, or
 * whose label is the same ignoring case, or whose name it is with spaces as underscores ("Unit price" → unit_price).
 * Overrides map a file column to a table column, or to "" to skip it. Every file column must be mapped or skipped, and
 * every required column without a default must be fed, so that nothing is silently dropped or missing.
 */
final class ImportMapping {
    private final TableDef table;
    private final List<String> header;
    private final Column[] byIndex;
    private final boolean serialDates;
    private final Map<Long, String> keys;
    private NaturalKeys naturalKeys;

    private ImportMapping(TableDef table, List<String> header, Column[] byIndex, boolean serialDates,
            Map<Long, String> keys) {
        this.table = table;
        this.header = header;
        this.byIndex = byIndex;
        this.serialDates = serialDates;
        this.keys = keys;
    }

    /** Reference column id → the key column the mapping chose ({@code customer.email}). */
    Map<Long, String> keys() {
        return keys;
    }

    /** Where reference cells that are not ids are looked up. */
    void lookUpKeysWith(NaturalKeys lookups) {
        this.naturalKeys = lookups;
    }

    /**
     * The mapping of {@code header} to table {@code t}; an override's target {@code reference.key} names the column of
     * the referenced table ({@code tables} by id) that the file's cells name records by.
     */
    static ImportMapping resolve(TableDef t, List<String> header, Map<String, String> overrides,
            boolean serialDates, java.util.function.LongFunction<TableDef> tables) {
        List<FieldError> errors = new ArrayList<>();
        Map<Long, String> keys = new LinkedHashMap<>();
        if (header.isEmpty() || isBlank(header)) {
            throw ValidationException.of("(file)", "the file is empty; its first row must name the columns");
        }
        for (String key : overrides.keySet()) {
            if (!header.contains(key)) {
                errors.add(new FieldError("map", "the file has no column '" + key + "' (it has " + header + ")"));
            }
        }
        Column[] byIndex = new Column[header.size()];
        Map<Long, String> fed = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i);
            Column c;
            if (overrides.containsKey(h)) {
                String target = overrides.get(h);
                if (target.isEmpty()) {
                    continue;
                }
                String keyName = null;
                if (target.contains(".")) {
                    keyName = target.substring(target.indexOf('.') + 1);
                    target = target.substring(0, target.indexOf('.'));
                }
                c = t.column(target).orElse(null);
                if (c != null && keyName != null) {
                    if (c.type() != ColumnType.REFERENCE) {
                        errors.add(new FieldError("map", "'" + h + "' is mapped to '" + target + "." + keyName
                                + "', but '" + target + "' is not a reference column"));
                        continue;
                    }
                    TableDef referenced = tables.apply(c.references());
                    if (referenced.column(keyName).isEmpty()) {
                        errors.add(new FieldError("map", "'" + h + "' names records by '" + keyName + "', which is not"
                                + " a column of '" + referenced.name() + "'"));
                        continue;
                    }
                    keys.put(c.id(), keyName);
                }
                if (c == null) {
                    errors.add(new FieldError("map", "'" + h + "' is mapped to '" + target + "', which is not a column"
                            + " of '" + t.name() + "'"));
                    continue;
                }
            } else {
                c = match(t, h);
                if (c != null && c.isComputed()) {
                    continue; // a computed column's values in the file (an export of it) are the database's to compute
                }
                if (c == null) {
                    errors.add(new FieldError("map", "file column '" + h + "' matches no column of '" + t.name()
                            + "'; map it with map=" + h + ":<column> or skip it with map=" + h + ":"));
                    continue;
                }
            }
            if (c.isComputed()) {
                errors.add(new FieldError("map", "file column '" + h + "' feeds '" + c.name() + "', which the "
                        + "database computes; skip it with map=" + h + ":"));
                continue;
            }
            if (c.type() == ColumnType.ATTACHMENT) {
                errors.add(new FieldError("map", "file column '" + h + "' feeds '" + c.name() + "', an attachment "
                        + "column; files are uploaded in the record form or the API, not imported; skip it with map="
                        + h + ":"));
                continue;
            }
            String before = fed.putIfAbsent(c.id(), h);
            if (before != null) {
                errors.add(new FieldError("map", "file columns '" + before + "' and '" + h + "' both feed '" + c.name()
                        + "'"));
            }
            byIndex[i] = c;
        }
        for (Column c : t.columns()) {
            if (c.required() && c.defaultValue() == null && !fed.containsKey(c.id())) {
                errors.add(new FieldError("map", "required column '" + c.name() + "' is not in the file"));
            }
        }
        ValidationException.throwIfAny(errors, "the file's columns do not fit table '" + t.name() + "'");
        return new ImportMapping(t, header, byIndex, serialDates, keys);
    }

    static Column match(TableDef t, String header) {
        String h = header.strip();
        String asName = h.toLowerCase(Locale.ROOT).replace(' ', '_');
        for (Column c : t.columns()) {
            if (c.name().equals(h) || c.name().equals(asName) || c.label() != null && c.label().equalsIgnoreCase(h)) {
                return c;
            }
        }
        return null;
    }

    static boolean isBlank(List<String> cells) {
        return cells.stream().allMatch(c -> c == null || c.isBlank());
    }

    /** File column → table column as used. */
    Map<String, String> used() {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < byIndex.length; i++) {
            if (byIndex[i] != null) {
                out.put(header.get(i), byIndex[i].name());
            }
        }
        return out;
    }

    /** The canonical values of one data row (defaults for empty or absent cells); failures go to {@code errors}. */
    Map<Long, Object> values(List<String> cells, int line, List<FieldError> errors) {
        Map<Long, Object> values = new LinkedHashMap<>();
        if (cells.size() > byIndex.length) {
            errors.add(new FieldError("row " + line, "has " + cells.size() + " cells but the header names "
                    + byIndex.length + " columns"));
        }
        for (int i = 0; i < byIndex.length && i < cells.size(); i++) {
            Column c = byIndex[i];
            if (c != null && c.type() == ColumnType.REFERENCE && naturalKeys != null && cells.get(i) != null
                    && !cells.get(i).isBlank() && (keys.containsKey(c.id()) || !NaturalKeys.isId(cells.get(i)))) {
                values.put(c.id(), naturalKeys.resolve(c, cells.get(i), "row " + line + ": " + c.name(), errors));
            } else if (c != null) {
                String cell = c.type() == ColumnType.REFERENCE && cells.get(i) != null
                        && cells.get(i).startsWith("#") ? cells.get(i).substring(1) : cells.get(i);
                values.put(c.id(), CellSyntax.readInto(c, serialDates ? XlsxRows.serialDate(c, cell) : cell,
                        "row " + line + ": " + c.name(), errors));
            }
        }
        for (Column c : table.columns()) {
            if (values.get(c.id()) == null && c.defaultValue() != null) {
                values.put(c.id(), c.defaultFor(errors));
            }
            if (c.required() && values.get(c.id()) == null
                    && errors.stream().noneMatch(e -> e.field().equals("row " + line + ": " + c.name()))) {
                errors.add(new FieldError("row " + line + ": " + c.name(), "is required"));
            }
        }
        return values;
    }
}
