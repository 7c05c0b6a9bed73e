package dev.cairn.workspace.schema;

import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.TableDef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** The API form of stored tables: names instead of ids, only the options a column's type has. Stateless. */
final class TableSpecs {
    private TableSpecs() {
    }

    /** The API form of a table; reference targets are named. */
    static TableSpec describe(Handle h, TableDef t) {
        Map<Long, String> names = new HashMap<>();
        List<ColumnSpec> cols = t.columns().stream().map(c -> new ColumnSpec(c.name(), c.label(), c.type(),
                c.required(), c.unique(), c.indexed(), c.type() == ColumnType.CHOICE ? c.choices() : null,
                c.type() == ColumnType.DECIMAL || c.type() == ColumnType.MONEY ? c.scale() : null, c.currency(),
                c.references() == null ? null : names.computeIfAbsent(c.references(), id -> tableName(h, id)),
                c.defaultValue(), c.type().isTextual() ? c.maxLength() : null, null)).toList();
        return new TableSpec(t.name(), t.label(), cols);
    }

    private static String tableName(Handle h, long tableId) {
        return h.createQuery("SELECT name FROM ws_tables WHERE id = :t").bind("t", tableId).mapTo(String.class).one();
    }
}
