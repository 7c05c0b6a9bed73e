package dev.cairn.export.restore;

import dev.cairn.export.bundle.Manifest;
import dev.cairn.export.restore.RestoreDiff.TableDiff;
import dev.cairn.server.db.Dialect;
import dev.cairn.workspace.files.AttachmentService;
import dev.cairn.workspace.members.Caller;
import dev.cairn.workspace.model.Attachment;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.restore.LiveRows;
import dev.cairn.workspace.restore.RestoreWrite;
import dev.cairn.workspace.schema.IdSchema;
import dev.cairn.workspace.schema.Schema;
import dev.cairn.workspace.snapshot.SnapshotRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Restores a workspace from a decrypted copy unpacked in a directory (ADR 31): checks the copy ({@link CopyCheck}),
 * computes what would change against one consistent read of the workspace ({@link #diff}), and applies it in one
 * transaction that goes ahead only while the workspace is still at the change sequence of that diff ({@link #apply}).
 * Table, column and record ids are the copy's. Rows stream through (a merge join per table), so memory does not grow
 * with the copy. Thread-safe.
 */
public final class RestoreService {
    private final Jdbi writes;
    private final Jdbi reads;
    private final Schema schema;
    private final InstantSource clock;
    private final String serverKey;
    private final AttachmentService attachments;

    /**
     * @param serverKey   this server's signing key (base64), trusted for copies it made
     * @param attachments where the copy's attached files are stored (the workspace owner's store and quota)
     */
    public RestoreService(Jdbi writes, Jdbi reads, Schema schema, InstantSource clock, String serverKey,
            AttachmentService attachments) {
        this.attachments = attachments;
        this.writes = writes;
        this.reads = reads;
        this.schema = schema;
        this.clock = clock;
        this.serverKey = serverKey;
    }

    /** A checked copy ready to read. */
    record Prepared(Path dir, Manifest manifest, String digest, String format, List<TableDef> tables,
            CopyAttachments files) {
        /** The copy's rows of the chosen format, attached files as {@code resolved} names them (else as recorded). */
        CopyRows open(Map<String, Attachment> resolved) throws java.sql.SQLException {
            return new AttachedRows(CopyReaders.open(format, dir), files, resolved);
        }
    }

    /** What an apply did: the diff it applied and the workspace's change sequence after it. */
    public record Applied(RestoreDiff diff, long seq) {
    }

    /**
     * Checks the copy in {@code dir} for restoring into {@code caller}'s workspace; {@link CopyException} if not.
     * {@code withFiles}: the attached files must be there (an apply stores them); else they may be left out.
     */
    Prepared prepare(Caller caller, Path dir, RestoreOptions o, boolean withFiles) {
        try {
            List<String> keys = o.signingKey() == null ? List.of(serverKey) : List.of(serverKey, o.signingKey());
            CopyCheck.Verified v = CopyCheck.manifest(dir, keys);
            Manifest m = v.manifest();
            boolean otherServer = !serverKey.equals(v.signer());
            if ((otherServer || m.workspace().id() != caller.workspaceId()) && !o.otherWorkspace()) {
                throw new CopyException("this is a copy of workspace '" + m.workspace().name() + "' (id "
                        + m.workspace().id() + (otherServer ? " of another server" : "") + "), not of this one (id "
                        + caller.workspaceId() + "); restoring it "
                        + "makes this workspace that one's tables and records. To do so, ask for it explicitly "
                        + "(--other-workspace, otherWorkspace=true)");
            }
            String format = CopyReaders.choose(m, dir, o.format());
            CopyCheck.files(dir, m, format, withFiles);
            return new Prepared(dir, m, v.digest(), format, CopySchema.tables(m, caller.workspaceId()),
                    CopyAttachments.read(dir));
        } catch (IOException e) {
            throw new CopyException("the copy cannot be read: " + e.getMessage(), e);
        }
    }

    /** What restoring the copy in {@code dir} would change, against one consistent read of the workspace. */
    public RestoreDiff diff(Caller caller, Path dir, RestoreOptions o) {
        return diff(caller, dir, o, true);
    }

    /**
     * As {@link #diff(Caller, Path, RestoreOptions)}; with {@code withFiles} false the copy may leave out its attached
     * files (not their index): the diff compares them by the index's name and SHA-256, so it needs no file's bytes.
     */
    public RestoreDiff diff(Caller caller, Path dir, RestoreOptions o, boolean withFiles) {
        Prepared p = prepare(caller, dir, o, withFiles);
        TransactionIsolationLevel level = schema.dialect() == Dialect.POSTGRES
                ? TransactionIsolationLevel.REPEATABLE_READ : TransactionIsolationLevel.UNKNOWN;
        return reads.inTransaction(level, h -> {
            long seq = RestoreWrite.seq(h, caller.workspaceId());
            return compute(h, caller, p, o, seq);
        });
    }

    /**
     * Applies the copy as {@code o} says, all or nothing, if the workspace is still at change {@code seq} (else 409
     * {@code workspace-changed}); a unique or reference rule the result would break refuses it (422). The copy's
     * attached files are stored first ({@link CopyFiles}); if the apply then fails, those it stored are deleted again
     * (and a killed server's are reclaimed by the collection of unused uploads).
     */
    public Applied apply(Caller caller, Path dir, RestoreOptions o, long seq) {
        Prepared p = prepare(caller, dir, o, true);
        CopyFiles files = CopyFiles.store(attachments, caller, p.files(),
                reads.withHandle(h -> RestoreWrite.seq(h, caller.workspaceId())));
        try {
            return write(caller, p, o, seq, files.resolved());
        } catch (RuntimeException | Error e) {
            files.discard(e);
            throw e;
        }
    }

    private Applied write(Caller caller, Prepared p, RestoreOptions o, long seq, Map<String, Attachment> resolved) {
        return RestoreWrite.run(writes, caller, clock, seq, tx -> {
            Handle h = tx.handle();
            Map<Long, TableDef> live = new HashMap<>();
            schema.tables(h, caller.workspaceId()).forEach(t -> live.put(t.id(), t));
            try {
                RestoreDiff.Items reports = ReportsDiff.reports(h, caller.workspaceId(), p.dir(), o.replace());
                RestoreDiff.Items shares = ReportsDiff.shares(h, caller.workspaceId(), p.dir());
                List<TableDiff> tables = new ArrayList<>();
                List<DiffCounter> counters = new CopyApply(schema, tx, p, o, resolved).run();
                for (int i = 0; i < p.tables().size(); i++) {
                    TableDef copy = p.tables().get(i);
                    tables.add(tableDiff(live.remove(copy.id()), copy, counters.get(i), o.replace()));
                }
                for (TableDef gone : live.values()) {
                    tables.add(removed(h, gone, o.replace()));
                }
                return new Applied(new RestoreDiff(seq, o.mode(), p.format(), copyOf(p), tables, reports, shares),
                        tx.seq());
            } catch (IOException e) {
                throw new CopyException("the copy cannot be read: " + e.getMessage(), e);
            }
        });
    }

    private RestoreDiff compute(Handle h, Caller caller, Prepared p, RestoreOptions o, long seq) {
        Map<Long, TableDef> live = new HashMap<>();
        schema.tables(h, caller.workspaceId()).forEach(t -> live.put(t.id(), t));
        List<TableDiff> tables = new ArrayList<>();
        try (CopyRows reader = p.open(Map.of())) {
            for (TableDef t : p.tables()) {
                tables.add(table(h, reader, live.remove(t.id()), t, o.replace()));
            }
            for (TableDef gone : live.values()) {
                tables.add(removed(h, gone, o.replace()));
            }
            RestoreDiff.Items reports = ReportsDiff.reports(h, caller.workspaceId(), p.dir(), o.replace());
            RestoreDiff.Items shares = ReportsDiff.shares(h, caller.workspaceId(), p.dir());
            return new RestoreDiff(seq, o.mode(), p.format(), copyOf(p), tables, reports, shares);
        } catch (RuntimeException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new CopyException("the copy cannot be read: " + e.getMessage(), e);
        }
    }

    private TableDiff table(Handle h, CopyRows reader, TableDef live, TableDef copy, boolean replace)
            throws Exception {
        DiffCounter counter = new DiffCounter(copy, replace);
        try (Stream<SnapshotRow> rows = LiveRows.open(h, live, copy.columns());
                Prefetched<SnapshotRow> ahead = new Prefetched<>(rows.iterator(), "restore-diff-rows")) {
            RowMerge.run(reader, copy, ahead, counter);
        }
        return tableDiff(live, copy, counter, replace);
    }

    private static RestoreDiff.Copy copyOf(Prepared p) {
        Manifest m = p.manifest();
        return new RestoreDiff.Copy(m.workspace().id(), m.workspace().name(), m.cut(), m.exportedAt(), p.digest());
    }

    /** A table's diff from its row counts and its columns here and in the copy. */
    private static TableDiff tableDiff(TableDef live, TableDef copy, DiffCounter counter, boolean replace) {
        var columns = SchemaDiff.columns(live, copy, replace);
        String change = live == null ? "added" : !columns.isEmpty() || !live.name().equals(copy.name())
                || !java.util.Objects.equals(live.label(), copy.label()) ? "changed" : "same";
        return new TableDiff(copy.id(), copy.name(), change, columns, counter.added, counter.changed, counter.deleted,
                counter.unchanged, counter.samples);
    }

    private static TableDiff removed(Handle h, TableDef live, boolean replace) {
        long rows = h.createQuery("SELECT COUNT(*) FROM " + live.sql()).mapTo(Long.class).one();
        return replace ? new TableDiff(live.id(), live.name(), "removed", List.of(), 0, 0, rows, 0, List.of())
                : new TableDiff(live.id(), live.name(), "same", List.of(), 0, 0, 0, rows, List.of());
    }
}
