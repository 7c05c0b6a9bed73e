package dev.cairn.export.format;

import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.ColumnType;

/**
 * One output column of a table in the flat formats (CSV, XLSX, SQL, SQLite): the record's {@code id} or
 * {@code version}, a user column, or the currency of a money column ({@code <name>.currency}, a name no user column
 * can have, since user names are {@code [a-z][a-z0-9_]*}).
 *
 * @param index the column's position among the table's live columns, -1 for id and version
 */
public record Field(String name, Kind kind, Column column, int index) {
    /** What a field holds. */
    public enum Kind { ID, VERSION, VALUE, CURRENCY }

    /** The column type of the field's values (id and version are integers, a currency is text). */
    public ColumnType type() {
        return switch (kind) {
            case ID, VERSION -> ColumnType.INTEGER;
            case CURRENCY -> ColumnType.TEXT;
            case VALUE -> column.type();
        };
    }
}
