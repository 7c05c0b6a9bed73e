package dev.cairn.workspace.snapshot;

import dev.cairn.server.db.Dialect;
import dev.cairn.server.error.ServiceException;
import dev.cairn.workspace.schema.Schema;
import dev.cairn.workspace.files.AttachmentReader;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Opens consistent reads of whole workspaces. Each read is one read-only transaction that sees the database as of one
 * instant: on PostgreSQL a {@code REPEATABLE READ} snapshot, on SQLite (WAL) a read transaction on the read pool, whose
 * snapshot is fixed by its first statement. The first statement reads {@code workspaces.seq}, so every later read of
 * the transaction is the workspace exactly as of that change sequence, the cut. Writers are never blocked. Thread-safe.
 */
public final class WorkspaceSnapshots {
    private final Jdbi reads;
    private final Schema schema;
    private final AttachmentReader attachments;

    /**
     * Snapshots whose attached files cannot be read ({@link AttachmentReader#NONE}).
     *
     * @param reads the database's read connections ({@code Database.reads()})
     */
    public WorkspaceSnapshots(Jdbi reads, Schema schema) {
        this(reads, schema, AttachmentReader.NONE);
    }

    /** Snapshots that read attached files through {@code attachments} ({@link Snapshot#attachment}). */
    public WorkspaceSnapshots(Jdbi reads, Schema schema, AttachmentReader attachments) {
        this.reads = reads;
        this.schema = schema;
        this.attachments = attachments;
    }

    /** What is done with a snapshot while it is open; it must not keep the snapshot after returning. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(Snapshot snapshot) throws Exception;
    }

    /**
     * Runs {@code reader} on a consistent snapshot of workspace {@code workspaceId}; 404 if there is no such workspace.
     * Exceptions of the reader pass through (checked ones wrapped in {@link SnapshotFailedException}).
     */
    public <T> T read(long workspaceId, Reader<T> reader) {
        TransactionIsolationLevel level = schema.dialect() == Dialect.POSTGRES
                ? TransactionIsolationLevel.REPEATABLE_READ : TransactionIsolationLevel.UNKNOWN;
        return reads.inTransaction(level, h -> {
            if (schema.dialect() == Dialect.POSTGRES) {
                h.execute("SET TRANSACTION READ ONLY");
            }
            var head = h.createQuery("SELECT seq, name, account_id FROM workspaces WHERE id = :w").bind("w", workspaceId)
                    .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getLong(3)}).findOne()
                    .orElseThrow(() -> ServiceException.notFound("the workspace is gone"));
            Snapshot snapshot = new Snapshot(h, schema, workspaceId, (String) head[1], (Long) head[0],
                    id -> attachments.open((Long) head[2], id));
            try {
                return reader.read(snapshot);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new SnapshotFailedException(e);
            }
        });
    }

    /** A checked failure of a snapshot's reader (an I/O error while writing what it read). */
    public static final class SnapshotFailedException extends RuntimeException {
        SnapshotFailedException(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }
}
