package dev.cairn.export.restore;

import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.snapshot.SnapshotRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The flat layout of a table in CSV, SQL, SQLite and XLSX: {@code id}, {@code version}, then each live column, money
 * as two fields (amount, {@code <name>.currency}). Turns the cells of one line (text, null for none) into a row, and
 * checks a header against the layout. Immutable.
 */
final class FlatRows {
    private final TableDef table;
    private final List<String> names = new ArrayList<>();

    FlatRows(TableDef table) {
        this.table = table;
        names.add("id");
        names.add("version");
        for (Column c : table.columns()) {
            names.add(c.name());
            if (c.type() == ColumnType.MONEY) {
                names.add(c.name() + ".currency");
            }
        }
    }

    /** The field names in order. */
    List<String> names() {
        return names;
    }

    /** Refuses a header that is not this table's fields in order. */
    void checkHeader(List<String> header, String file) {
        if (!names.equals(header)) {
            throw new CopyException(file + ": its columns " + header + " are not the manifest's " + names);
        }
    }

    /** The row of one line's cells, in {@link #names()} order. */
    SnapshotRow row(List<String> cells, String where) {
        if (cells.size() != names.size()) {
            throw new CopyException(where + ": " + cells.size() + " fields, expected " + names.size());
        }
        if (cells.get(0) == null || cells.get(1) == null) {
            throw new CopyException(where + ": a record without its id or version");
        }
        long id;
        long version;
        try {
            id = Long.parseLong(cells.get(0));
            version = Long.parseLong(cells.get(1));
        } catch (NumberFormatException e) {
            throw new CopyException(where + ": the id or version is not a number");
        }
        List<Column> columns = table.columns();
        Value[] values = new Value[columns.size()];
        int field = 2;
        for (int i = 0; i < values.length; i++) {
            Column c = columns.get(i);
            String text = cells.get(field++);
            String currency = c.type() == ColumnType.MONEY ? cells.get(field++) : null;
            values[i] = CopyCells.parse(c, text, currency, where + ", " + c.name());
        }
        return new SnapshotRow(id, version, null, null, Collections.unmodifiableList(Arrays.asList(values)));
    }
}
