package dev.cairn.export.format;

import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.TableDef;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code CREATE TABLE} of a table in the two SQL flavours of the bundle: the portable script (loads into SQLite
 * and PostgreSQL: {@code NUMERIC(38,s)}, {@code DATE}, {@code TIMESTAMP WITH TIME ZONE}, {@code BOOLEAN}) and the
 * SQLite file (exact decimal, date and instant text in {@code TEXT}, booleans as 0/1). Every identifier is quoted; a
 * reference is a foreign key checked at commit ({@code DEFERRABLE INITIALLY DEFERRED}), so rows load in any order.
 */
final class SqlTypes {
    /** The two flavours. */
    enum Flavour { SCRIPT, SQLITE_FILE }

    private SqlTypes() {
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    static String createTable(TableDef table, Map<Long, String> tableNames, Flavour flavour) {
        String columns = Fields.of(table).stream().map(f -> "  " + quote(f.name()) + " " + type(f, tableNames, flavour))
                .collect(Collectors.joining(",\n"));
        return "CREATE TABLE " + quote(table.name()) + " (\n" + columns + "\n);\n";
    }

    private static String type(Field f, Map<Long, String> tableNames, Flavour flavour) {
        boolean file = flavour == Flavour.SQLITE_FILE;
        return switch (f.kind()) {
            case ID -> (file ? "INTEGER" : "BIGINT") + " PRIMARY KEY";
            case VERSION -> (file ? "INTEGER" : "BIGINT") + " NOT NULL";
            case CURRENCY -> "TEXT";
            case VALUE -> valueType(f.column(), tableNames, file) + (f.column().unique() ? " UNIQUE" : "");
        };
    }

    private static String valueType(Column c, Map<Long, String> tableNames, boolean file) {
        return switch (c.type()) {
            case TEXT, LONG_TEXT, CHOICE, EMAIL, PHONE, ATTACHMENT -> "TEXT";
            case INTEGER -> file ? "INTEGER" : "BIGINT";
            case DECIMAL, MONEY -> file ? "TEXT" : "NUMERIC(38," + c.scale() + ")";
            case DATE -> file ? "TEXT" : "DATE";
            case DATETIME -> file ? "TEXT" : "TIMESTAMP WITH TIME ZONE";
            case BOOLEAN -> file ? "INTEGER" : "BOOLEAN";
            case REFERENCE -> (file ? "INTEGER" : "BIGINT") + " REFERENCES "
                    + quote(tableNames.getOrDefault(c.references(), "missing_" + c.references()))
                    + " (\"id\") DEFERRABLE INITIALLY DEFERRED";
        };
    }

    /** Table id → name of the snapshot's tables (a reference to a table not exported names a missing one). */
    static Map<Long, String> names(List<TableDef> tables) {
        return tables.stream().collect(Collectors.toMap(TableDef::id, TableDef::name));
    }
}
