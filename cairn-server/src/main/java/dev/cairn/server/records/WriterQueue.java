package dev.cairn.server.records;

import org.jdbi.v3.core.config.JdbiConfig;

/**
 * Whether {@link WriteTx} queues the writers of a workspace on an in-process lock before they take a connection (a
 * setting of the {@link org.jdbi.v3.core.Jdbi}). On for PostgreSQL, where waiting writers would otherwise each hold a
 * pooled connection while blocked on the workspace's row lock, starving readers. Off for SQLite, where the process-wide
 * database lock already orders everyone and an extra queue made writers wait behind whole rounds of readers.
 */
public final class WriterQueue implements JdbiConfig<WriterQueue> {
    private volatile boolean inProcess;

    public WriterQueue() {
    }

    private WriterQueue(WriterQueue other) {
        this.inProcess = other.inProcess;
    }

    boolean inProcess() {
        return inProcess;
    }

    /** Turns the in-process queue on or off. */
    public WriterQueue inProcess(boolean on) {
        this.inProcess = on;
        return this;
    }

    @Override
    public WriterQueue createCopy() {
        return new WriterQueue(this);
    }
}
