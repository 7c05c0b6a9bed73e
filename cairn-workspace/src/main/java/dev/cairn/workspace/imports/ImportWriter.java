package dev.cairn.workspace.imports;

import dev.cairn.server.db.Dialect;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.records.HistoryJson;
import dev.cairn.workspace.schema.Schema;
import dev.cairn.workspace.write.WriteTx;
import java.sql.SQLException;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;

/**
 * The write side of an import (ADR 15): ids and change-log sequence numbers for the new records, the bulk writer behind
 * a savepoint, and, for a first load into an empty table, its indexes dropped before the rows and built after them. A
 * write the database refuses is kept ({@link #refused()}) for the diagnosis; {@link #discard()} undoes every row. Not
 * thread-safe; one per import, inside its write.
 */
final class ImportWriter {
    private static final String SAVEPOINT = "cairn_import";
    private final WriteTx tx;
    private final TableDef table;
    private final Schema schema;
    private final long firstId;
    private final HistoryJson history;
    private long nextId;
    private final boolean rebuildIndexes;
    private BulkInsert insert;
    private Exception refused;

    ImportWriter(WriteTx tx, TableDef table, Schema schema) {
        this.tx = tx;
        this.table = table;
        this.schema = schema;
        this.firstId = nextFreeId(tx.handle(), table);
        this.nextId = firstId;
        this.history = new HistoryJson(table);
        tx.handle().savepoint(SAVEPOINT);
        this.rebuildIndexes = isEmpty(tx.handle(), table);
        if (rebuildIndexes) {
            schema.dropIndexes(tx.handle(), table);
        }
        try {
            this.insert = BulkInsert.open(tx, table, schema.dialect());
        } catch (SQLException e) {
            refused = e;
        }
    }

    /** The id of the first record this import writes: records from it on are the import's own. */
    long firstId() {
        return firstId;
    }

    /** The database's refusal of a write (say, a unique index), or null. */
    Exception refused() {
        return refused;
    }

    void add(Map<Long, Object> values) {
        if (refused != null) {
            return;
        }
        long id = nextId++;
        try {
            insert.add(id, tx.reserve(1), values, history.write(values));
        } catch (SQLException e) {
            refused = e;
        }
    }

    void finish() {
        if (refused == null) {
            try {
                insert.finish();
                if (rebuildIndexes) {
                    schema.createIndexes(tx.handle(), table);
                }
            } catch (SQLException | JdbiException e) {
                refused = e;
            }
        }
    }

    void close() {
        try {
            if (insert != null) {
                insert.close();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot end the bulk insert: " + e.getMessage(), e);
        }
    }

    /** Undoes every row written so far; the transaction stays usable for the diagnosis. */
    void discard() {
        tx.handle().rollbackToSavepoint(SAVEPOINT);
    }

    /** Moves the table's id sequence past the ids this import used, so later inserts do not collide. */
    void commitIds() {
        tx.handle().releaseSavepoint(SAVEPOINT);
        if (schema.dialect() == Dialect.POSTGRES) {
            String sequence = tx.handle().createQuery("SELECT pg_get_serial_sequence(:t, 'id')").bind("t", table.sql())
                    .mapTo(String.class).one();
            boolean used = nextId > firstId;
            tx.handle().createQuery("SELECT setval(:s, :v, :called)").bind("s", sequence)
                    .bind("v", used ? nextId - 1 : firstId).bind("called", used).mapTo(Long.class).one();
        }
    }

    private static boolean isEmpty(Handle h, TableDef t) {
        return h.createQuery("SELECT 1 FROM " + t.sql()).setMaxRows(1).mapTo(Integer.class).findFirst().isEmpty();
    }

    /**
     * The first id for new records: after every id the table ever handed out (so deleted ids are never reused). SQLite's
     * AUTOINCREMENT bookkeeping follows explicit ids by itself; PostgreSQL's sequence is moved by
     * {@link #commitIds()}. Safe because the caller holds the workspace's write lock.
     */
    private long nextFreeId(Handle h, TableDef t) {
        if (schema.dialect() == Dialect.SQLITE) {
            return h.createQuery("SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = :t), 0)")
                    .bind("t", t.sql()).mapTo(Long.class).one() + 1;
        }
        String sequence = h.createQuery("SELECT pg_get_serial_sequence(:t, 'id')").bind("t", t.sql())
                .mapTo(String.class).one();
        return h.createQuery("SELECT nextval(:s)").bind("s", sequence).mapTo(Long.class).one();
    }
}
