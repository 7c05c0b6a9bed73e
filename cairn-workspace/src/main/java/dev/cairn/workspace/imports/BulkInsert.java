package dev.cairn.workspace.imports;

import dev.cairn.server.db.Dialect;
import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.SqlValues;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.write.WriteTx;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes imported rows and their {@code insert} change-log entries in bulk, inside the import's transaction, bypassing
 * the per-statement overhead of JDBI: multi-row prepared statements on SQLite, {@code COPY} on PostgreSQL. A failing
 * write (e.g. a unique index refusing a value) surfaces as an {@link SQLException}; the caller rolls back and
 * diagnoses. Not thread-safe; one per import.
 */
abstract sealed class BulkInsert permits SqliteBulkInsert, PostgresCopyInsert {
    final TableDef table;
    final WriteTx tx;
    final List<String> columns;

    BulkInsert(WriteTx tx, TableDef table) {
        this.tx = tx;
        this.table = table;
        this.columns = physicalColumns(table);
    }

    static BulkInsert open(WriteTx tx, TableDef table, Dialect dialect) throws SQLException {
        return dialect == Dialect.POSTGRES ? new PostgresCopyInsert(tx, table) : new SqliteBulkInsert(tx, table);
    }

    /** Adds record {@code id} (version 1) with canonical {@code values} and its change-log entry {@code seq}. */
    abstract void add(long id, long seq, Map<Long, Object> values, String history) throws SQLException;

    /** Writes what is still buffered. */
    abstract void finish() throws SQLException;

    /** Releases statements and restores connection settings; called once, also after a failure. */
    void close() throws SQLException {
    }

    /** The physical values of a new row, in {@link #columns} order. */
    final Object[] row(long id, Map<Long, Object> values) {
        Object[] out = new Object[columns.size()];
        out[0] = id;
        out[1] = 1L;
        out[2] = tx.now();
        out[3] = tx.now();
        int i = 4;
        for (Column c : table.allColumns()) {
            for (Object v : SqlValues.toSql(c, values.get(c.id()))) {
                out[i++] = v;
            }
        }
        return out;
    }

    /** The values of a change-log entry, in {@link #CHANGE_COLUMNS} order. */
    final Object[] change(long id, long seq, String history) {
        return new Object[] {tx.workspaceId(), seq, table.id(), id, "insert", 1L, tx.caller().accountId(),
                tx.caller().accountName(), tx.now(), history};
    }

    static final List<String> CHANGE_COLUMNS = List.of("workspace_id", "seq", "table_id", "record_id", "op", "version",
            "actor_id", "actor", "at", "new_values");

    private static List<String> physicalColumns(TableDef t) {
        List<String> names = new ArrayList<>(List.of("id", "version", "created_at", "updated_at"));
        for (Column c : t.allColumns()) {
            names.add(c.sql());
            if (c.type() == ColumnType.MONEY) {
                names.add(c.currencySql());
            }
        }
        return List.copyOf(names);
    }
}
