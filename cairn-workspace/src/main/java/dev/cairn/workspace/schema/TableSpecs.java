package dev.cairn.workspace.schema;

import dev.cairn.workspace.formula.Formulas;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.Computed;
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
        Map<Long, String> columnNames = t.hasComputed() ? columnNames(h, t.workspaceId()) : Map.of();
        List<ColumnSpec> cols = t.columns().stream().map(c -> new ColumnSpec(c.name(), c.label(), c.type(),
                c.required(), c.unique(), c.indexed(), c.type() == ColumnType.CHOICE ? c.choices() : null,
                c.type() == ColumnType.DECIMAL || c.type() == ColumnType.MONEY ? c.scale() : null, c.currency(),
                c.references() == null ? null : names.computeIfAbsent(c.references(), id -> tableName(h, id)),
                c.defaultValue(), c.type().isTextual() && !c.isComputed() ? c.maxLength() : null, null,
                c.computed() instanceof Computed.Formula f ? Formulas.display(f.stored(), columnNames,
                        tableNames(h, t.workspaceId())) : null,
                c.computed() instanceof Computed.AutoNumber a ? new ColumnSpec.AutoNumberSpec(a.prefix(), a.start(),
                        a.digits()) : null)).toList();
        return new TableSpec(t.name(), t.label(), cols);
    }

    private static Map<Long, String> columnNames(Handle h, long workspaceId) {
        Map<Long, String> out = new HashMap<>();
        h.createQuery("SELECT c.id, c.name FROM ws_columns c JOIN ws_tables t ON t.id = c.table_id WHERE "
                + "t.workspace_id = :w").bind("w", workspaceId).map((rs, ctx) -> out.put(rs.getLong(1),
                rs.getString(2))).list();
        return out;
    }

    private static Map<Long, String> tableNames(Handle h, long workspaceId) {
        Map<Long, String> out = new HashMap<>();
        h.createQuery("SELECT id, name FROM ws_tables WHERE workspace_id = :w").bind("w", workspaceId)
                .map((rs, ctx) -> out.put(rs.getLong(1), rs.getString(2))).list();
        return out;
    }

    private static String tableName(Handle h, long tableId) {
        return h.createQuery("SELECT name FROM ws_tables WHERE id = :t").bind("t", tableId).mapTo(String.class).one();
    }
}
