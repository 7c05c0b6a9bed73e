package dev.cairn.workspace.model;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which column names a record where people read it (a reference's target, a record page's title, a share link's
 * restricted row, a report's reference column): the first column, in table order, called one of {@link #NAMING}
 * ({@code name}, {@code title}, {@code number}, ...), else the first text column. A table with neither names its
 * records by id. The one place this rule lives; stateless.
 */
public final class DisplayColumn {
    /** Column names that name a record, in no particular order (the table's column order decides). */
    public static final List<String> NAMING = List.of("name", "title", "number", "sku", "full_name", "email", "code",
            "label", "subject");

    private DisplayColumn() {
    }

    /** The display column among {@code columns}, each read through {@code name} and {@code type}. */
    public static <C> Optional<C> pick(List<C> columns, Function<C, String> name, Function<C, ColumnType> type) {
        for (C c : columns) {
            if (NAMING.contains(name.apply(c))) {
                return Optional.of(c);
            }
        }
        return columns.stream().filter(c -> type.apply(c) == ColumnType.TEXT).findFirst();
    }

    /** The display column of {@code table} (its live columns). */
    public static Optional<Column> of(TableDef table) {
        return pick(table.columns(), Column::name, Column::type);
    }

    /** A record's name when its display value is empty, or the table has no display column: {@code #12}. */
    public static String byId(long id) {
        return "#" + id;
    }
}
