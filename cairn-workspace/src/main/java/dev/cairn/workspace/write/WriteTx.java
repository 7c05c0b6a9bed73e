package dev.cairn.workspace.write;

import dev.cairn.workspace.members.Caller;
import dev.cairn.workspace.model.TableDef;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * One write on a workspace, run inside a transaction that starts by locking the workspace's row, so the writers of one
 * workspace run one after the other (PostgreSQL row lock, also across server processes; SQLite has a single writer
 * anyway). That makes checks such as "is this value unique", "does the referenced row exist" race-free, and makes
 * {@code ws_changes.seq} gap-free and increasing in commit order: the basis of consistent exports.
 *
 * <p>Group commit (ADR 15): writers of a workspace queue in its {@link WriterLane}; a committer thread runs up to
 * {@link WriterLane#MAX_BATCH} queued writes in ONE transaction, each behind its own savepoint, one after the other on
 * the same connection (each sees the effects of those before it), and commits once: one fsync for the batch. A write
 * that throws is rolled back to its savepoint, uses no sequence numbers and gets its own exception; the others
 * proceed. A write succeeds only once the commit did; if the transaction fails, every write of the batch that had not
 * failed on its own fails with that error, and nothing of the batch is stored. Waiting writers hold no connection.
 * Writers of different workspaces do not wait for each other on PostgreSQL (up to the committer pool's size).
 */
public final class WriteTx {
    private static final String SAVEPOINT = "write_unit";
    /** Bound while this thread runs a batch: a unit must not submit another write (it would wait for itself). */
    private static final ScopedValue<Boolean> BATCH_RUNNING = ScopedValue.newInstance();

    private final Handle h;
    private final Caller caller;
    private final long now;
    private final BatchTables tables;
    private long seq;

    private WriteTx(Handle h, Caller caller, long now, long seq, BatchTables tables) {
        this.h = h;
        this.caller = caller;
        this.now = now;
        this.seq = seq;
        this.tables = tables;
    }

    /**
     * The table definitions of one batch: its workspace's schema version, read under the workspace's row lock (so it
     * is the committed one, and no other writer can change it before this transaction ends), the definitions looked up
     * so far, and whether a unit of the batch changed the schema (then definitions are read from the database).
     */
    private static final class BatchTables {
        final long schemaVersion;
        final Map<String, TableDef> byName = new HashMap<>();
        boolean schemaChanged;

        BatchTables(long schemaVersion) {
            this.schemaVersion = schemaVersion;
        }
    }

    /** Runs {@code body} as one write of the caller's workspace, possibly batched with others; returns its result. */
    public static <T> T run(Jdbi jdbi, Caller caller, InstantSource clock, Function<WriteTx, T> body) {
        return submit(jdbi, new WriteUnit<>(caller, clock, body, false));
    }

    /** As {@link #run}, in a transaction of its own: for large units (imports) and schema changes. */
    public static <T> T runAlone(Jdbi jdbi, Caller caller, InstantSource clock, Function<WriteTx, T> body) {
        return submit(jdbi, new WriteUnit<>(caller, clock, body, true));
    }

    private static <T> T submit(Jdbi jdbi, WriteUnit<T> unit) {
        if (BATCH_RUNNING.isBound()) {
            throw new IllegalStateException("a write cannot start another write; call the body directly");
        }
        return jdbi.getConfig(WriterQueue.class).lane(unit.caller.workspaceId())
                .submit(unit, batch -> runBatch(jdbi, batch));
    }

    /** Runs the units of one workspace in one transaction and completes each; never throws. */
    private static void runBatch(Jdbi jdbi, List<WriteUnit<?>> batch) {
        Throwable batchFailure = null;
        try {
            ScopedValue.where(BATCH_RUNNING, true).run(() -> jdbi.useTransaction(h -> apply(h, batch)));
        } catch (Throwable e) {
            batchFailure = e;
        }
        for (WriteUnit<?> unit : batch) {
            unit.complete(batchFailure);
        }
    }

    private static void apply(Handle h, List<WriteUnit<?>> batch) {
        long workspaceId = batch.getFirst().caller.workspaceId();
        long[] locked = h.createQuery("UPDATE workspaces SET seq = seq WHERE id = :w RETURNING seq, schema_version")
                .bind("w", workspaceId).map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).one();
        long seq = locked[0];
        boolean savepoints = batch.size() > 1;
        BatchTables tables = new BatchTables(locked[1]);
        for (WriteUnit<?> unit : batch) {
            seq = savepoints ? applyBehindSavepoint(h, unit, seq, tables) : applyOne(h, unit, seq, tables);
        }
        h.execute("UPDATE workspaces SET seq = ? WHERE id = ?", seq, workspaceId);
    }

    /** A unit alone in its transaction: its failure rolls the transaction back. */
    private static <T> long applyOne(Handle h, WriteUnit<T> unit, long seq, BatchTables tables) {
        WriteTx tx = new WriteTx(h, unit.caller, unit.clock.millis(), seq, tables);
        try {
            unit.stage(unit.body.apply(tx));
        } catch (RuntimeException | Error e) {
            unit.fail(e);
            throw e;
        }
        return tx.seq;
    }

    /**
     * A unit among others: its failure rolls back to the savepoint set before it; returns the sequence number after
     * it. Savepoints of successful units are not released one by one (one round trip less per unit); the commit
     * releases them all, and a later {@code ROLLBACK TO} goes to the newest savepoint of that name.
     */
    private static <T> long applyBehindSavepoint(Handle h, WriteUnit<T> unit, long seq,
            BatchTables tables) {
        WriteTx tx = new WriteTx(h, unit.caller, unit.clock.millis(), seq, tables);
        h.execute("SAVEPOINT " + SAVEPOINT);
        try {
            unit.stage(unit.body.apply(tx));
        } catch (RuntimeException e) {
            unit.fail(e);
            h.execute("ROLLBACK TO SAVEPOINT " + SAVEPOINT);
            return seq;
        }
        return tx.seq;
    }

    /** The transaction's handle: every statement of this write runs on it. */
    public Handle handle() {
        return h;
    }

    /** Who writes. */
    public Caller caller() {
        return caller;
    }

    /** The write's time (epoch milliseconds), the same for every change it logs. */
    public long now() {
        return now;
    }

    /**
     * The workspace's schema version, read under its row lock: the committed one, which no other writer can change
     * before this transaction ends. Table definitions cached under it are valid for the whole batch unless this
     * transaction changed the schema ({@link #schemaChanged()}).
     */
    public long schemaVersion() {
        return tables.schemaVersion;
    }

    /**
     * The definitions this batch looked up so far, by table name (tables change only in units that run alone, see
     * {@link #runAlone}, so within a batch of several units a definition cannot change). Cleared when this transaction
     * changes the schema.
     */
    public Map<String, TableDef> batchTables() {
        return tables.byName;
    }

    /** Whether this transaction changed table definitions: then they are read from the database, uncached. */
    public boolean schemaChanged() {
        return tables.schemaChanged;
    }

    /** Records that this transaction changed table definitions (after bumping the workspace's schema version). */
    public void markSchemaChanged() {
        tables.schemaChanged = true;
        tables.byName.clear();
    }

    public long workspaceId() {
        return caller.workspaceId();
    }

    /** Appends a change to the log; returns its sequence number. */
    public long log(long tableId, Long recordId, String op, Long version, String oldValues, String newValues) {
        seq++;
        h.createUpdate("INSERT INTO ws_changes (workspace_id, seq, table_id, record_id, op, version, actor_id, actor, at,"
                + " old_values, new_values) VALUES (:w, :s, :t, :r, :op, :v, :aid, :actor, :at, :old, :new)")
                .bind("w", caller.workspaceId()).bind("s", seq).bind("t", tableId).bind("r", recordId).bind("op", op)
                .bind("v", version).bind("aid", caller.accountId()).bind("actor", caller.accountName()).bind("at", now)
                .bind("old", oldValues).bind("new", newValues).execute();
        return seq;
    }

    /** The last change sequence number this write handed out so far (the workspace's, once it commits). */
    public long seq() {
        return seq;
    }

    /** Reserves {@code n} sequence numbers for a batch; returns the first. */
    public long reserve(int n) {
        long first = seq + 1;
        seq += n;
        return first;
    }
}
