package dev.cairn.workspace.web;

import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.DisplayColumn;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.model.ValueText;
import dev.cairn.workspace.records.Record;
import dev.cairn.workspace.schema.ColumnSpec;
import dev.cairn.workspace.schema.TableSpec;

/**
 * How the workspace pages name tables, columns and records, and show values: labels before machine names, records by
 * their display value ({@link DisplayColumn}), values as {@link ValueText} formats them. Stateless.
 */
final class Labels {
    private Labels() {
    }

    static String of(TableSpec t) {
        return Column.title(t.name(), t.label());
    }

    /** A column's label, else its name with spaces for underscores and a capital first letter. */
    static String of(ColumnSpec col) {
        return Column.title(col.name(), col.label());
    }

    /** A record's name: the value of its table's display column, else {@code #id}. */
    static String record(TableSpec t, Record r) {
        return DisplayColumn.pick(t.columns(), ColumnSpec::name, ColumnSpec::type)
                .map(col -> ValueText.display(r.value(col.name())))
                .filter(name -> !name.isBlank())
                .orElse(DisplayColumn.byId(r.id()));
    }

    /** A value as text ({@link ValueText#display}): money as "1,234.50 EUR", booleans as Yes/No, empty as "". */
    static String display(Value v) {
        return ValueText.display(v);
    }

    /** A file size as people read it: bytes, KiB, MiB or GiB with one decimal. */
    static String size(long bytes) {
        return ValueText.size(bytes);
    }
}
