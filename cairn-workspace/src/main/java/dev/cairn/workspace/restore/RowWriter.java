package dev.cairn.workspace.restore;

import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.model.SqlValues;
import dev.cairn.workspace.records.HistoryJson;
import dev.cairn.workspace.write.WriteTx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a copy's rows into one table with their own ids (ADR 31), inside a restore's write: inserts keep the copy's
 * id and version, updates set the copy's values and move the version on by one (the record's history goes on),
 * deletes remove the row. Every row change is logged ({@code insert}, {@code update} with the changed fields, {@code
 * delete}) like the record service's, by the restoring caller at the write's time. Statements are batched. Values are
 * in the order of {@code columns} (the copy's live columns). Not thread-safe; close it before the write ends.
 */
public final class RowWriter implements AutoCloseable {
    private static final int BATCH = 500;
    private final WriteTx tx;
    private final TableDef table;
    private final List<Column> columns;
    private final HistoryJson history;
    private final PreparedStatement insert;
    private final PreparedStatement update;
    private final PreparedStatement delete;
    private final PreparedStatement log;
    private int pending;

    public RowWriter(WriteTx tx, TableDef table, List<Column> columns) throws SQLException {
        this.tx = tx;
        this.table = table;
        this.columns = List.copyOf(columns);
        this.history = new HistoryJson(table);
        Connection c = tx.handle().getConnection();
        List<String> names = new ArrayList<>();
        for (Column col : columns) {
            names.add(col.sql());
            if (col.type() == dev.cairn.workspace.model.ColumnType.MONEY) {
                names.add(col.currencySql());
            }
        }
        this.insert = c.prepareStatement("INSERT INTO " + table.sql() + " (id, version, created_at, updated_at"
                + names.stream().map(n -> ", " + n).reduce("", String::concat) + ") VALUES (?, ?, ?, ?"
                + ", ?".repeat(names.size()) + ")");
        this.update = c.prepareStatement("UPDATE " + table.sql() + " SET version = ?, updated_at = ?"
                + names.stream().map(n -> ", " + n + " = ?").reduce("", String::concat) + " WHERE id = ?");
        this.delete = c.prepareStatement("DELETE FROM " + table.sql() + " WHERE id = ?");
        this.log = c.prepareStatement("INSERT INTO ws_changes (workspace_id, seq, table_id, record_id, op, version, "
                + "actor_id, actor, at, old_values, new_values) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }

    /** Adds the copy's row {@code id} (not in the table). */
    public void insert(long id, long version, List<Value> values) throws SQLException {
        insert.setLong(1, id);
        insert.setLong(2, version);
        insert.setLong(3, tx.now());
        insert.setLong(4, tx.now());
        bind(insert, 5, values);
        insert.addBatch();
        log(id, "insert", version, null, history.write(byId(values, null)));
        flushIfFull();
    }

    /** Sets row {@code id}'s values to the copy's; its version becomes {@code liveVersion + 1}. */
    public void update(long id, long liveVersion, List<Value> before, List<Value> after) throws SQLException {
        update.setLong(1, liveVersion + 1);
        update.setLong(2, tx.now());
        int next = bind(update, 3, after);
        update.setLong(next, id);
        update.addBatch();
        log(id, "update", liveVersion + 1, history.write(byId(before, after)), history.write(byId(after, before)));
        flushIfFull();
    }

    /** Deletes row {@code id}. */
    public void delete(long id, long liveVersion, List<Value> before) throws SQLException {
        delete.setLong(1, id);
        delete.addBatch();
        log(id, "delete", liveVersion, history.write(byId(before, null)), null);
        flushIfFull();
    }

    /** Column id → canonical value of {@code values}; only the fields that differ from {@code other} when given. */
    private Map<Long, Object> byId(List<Value> values, List<Value> other) {
        Map<Long, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            if (other == null || !java.util.Objects.equals(values.get(i), other.get(i))) {
                out.put(columns.get(i).id(), Value.canonicalOf(values.get(i)));
            }
        }
        return out;
    }

    private int bind(PreparedStatement s, int from, List<Value> values) throws SQLException {
        int p = from;
        for (int i = 0; i < columns.size(); i++) {
            for (Object v : SqlValues.toSql(columns.get(i), Value.canonicalOf(values.get(i)))) {
                s.setObject(p++, v);
            }
        }
        return p;
    }

    private void log(long id, String op, long version, String old, String now) throws SQLException {
        log.setLong(1, tx.workspaceId());
        log.setLong(2, tx.reserve(1));
        log.setLong(3, table.id());
        log.setLong(4, id);
        log.setString(5, op);
        log.setLong(6, version);
        log.setLong(7, tx.caller().accountId());
        log.setString(8, tx.caller().accountName());
        log.setLong(9, tx.now());
        log.setString(10, old);
        log.setString(11, now);
        log.addBatch();
    }

    private void flushIfFull() throws SQLException {
        if (++pending >= BATCH) {
            flush();
        }
    }

    /** Sends the batched statements: deletes first, then updates, then inserts (ids never move). */
    public void flush() throws SQLException {
        delete.executeBatch();
        update.executeBatch();
        insert.executeBatch();
        log.executeBatch();
        pending = 0;
    }

    @Override
    public void close() throws SQLException {
        try {
            flush();
        } finally {
            insert.close();
            update.close();
            delete.close();
            log.close();
        }
    }
}
