package dev.cairn.server.records;

import java.time.InstantSource;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * One write transaction on a workspace. It starts by locking the workspace's row, so the writers of one workspace run
 * one after the other (PostgreSQL row lock; SQLite has a single writer anyway). That makes checks such as "is this
 * value unique", "does the referenced row exist" race-free, and makes {@code ws_changes.seq} gap-free and increasing in
 * commit order: the basis of consistent exports. Writers of different workspaces do not wait for each other on
 * PostgreSQL.
 *
 * <p>On PostgreSQL ({@link WriterQueue}), writers of a workspace first queue on an in-process lock (striped by
 * workspace id) before they take a database connection (ADR 15). Without it, concurrent writers of one workspace each
 * hold a pooled connection while they wait for the row lock, and readers find the pool empty. The row lock still
 * orders writers of different processes.
 */
final class WriteTx {
    private static final ReentrantLock[] WRITERS = new ReentrantLock[64];

    static {
        for (int i = 0; i < WRITERS.length; i++) {
            WRITERS[i] = new ReentrantLock(true);
        }
    }

    final Handle h;
    final Caller caller;
    final long now;
    private long seq;

    private WriteTx(Handle h, Caller caller, long now, long seq) {
        this.h = h;
        this.caller = caller;
        this.now = now;
        this.seq = seq;
    }

    static <T> T run(Jdbi jdbi, Caller caller, InstantSource clock, Function<WriteTx, T> body) {
        if (!jdbi.getConfig(WriterQueue.class).inProcess()) {
            return transaction(jdbi, caller, clock, body);
        }
        ReentrantLock writer = WRITERS[(int) Math.floorMod(caller.workspaceId(), (long) WRITERS.length)];
        writer.lock();
        try {
            return transaction(jdbi, caller, clock, body);
        } finally {
            writer.unlock();
        }
    }

    private static <T> T transaction(Jdbi jdbi, Caller caller, InstantSource clock, Function<WriteTx, T> body) {
        return jdbi.inTransaction(h -> {
            h.execute("UPDATE workspaces SET seq = seq WHERE id = ?", caller.workspaceId());
            long seq = h.createQuery("SELECT seq FROM workspaces WHERE id = :w").bind("w", caller.workspaceId())
                    .mapTo(Long.class).one();
            WriteTx tx = new WriteTx(h, caller, clock.millis(), seq);
            T result = body.apply(tx);
            h.execute("UPDATE workspaces SET seq = ? WHERE id = ?", tx.seq, caller.workspaceId());
            return result;
        });
    }

    long workspaceId() {
        return caller.workspaceId();
    }

    /** Appends a change to the log; returns its sequence number. */
    long log(long tableId, Long recordId, String op, Long version, String oldValues, String newValues) {
        seq++;
        h.createUpdate("INSERT INTO ws_changes (workspace_id, seq, table_id, record_id, op, version, actor_id, actor, at,"
                + " old_values, new_values) VALUES (:w, :s, :t, :r, :op, :v, :aid, :actor, :at, :old, :new)")
                .bind("w", caller.workspaceId()).bind("s", seq).bind("t", tableId).bind("r", recordId).bind("op", op)
                .bind("v", version).bind("aid", caller.accountId()).bind("actor", caller.accountName()).bind("at", now)
                .bind("old", oldValues).bind("new", newValues).execute();
        return seq;
    }

    /** Reserves {@code n} sequence numbers for a batch; returns the first. */
    long reserve(int n) {
        long first = seq + 1;
        seq += n;
        return first;
    }
}
