package dev.cairn.workspace.files;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.auth.RandomBytes;
import dev.cairn.server.error.ServiceException;
import dev.cairn.server.quota.QuotaService;
import dev.cairn.server.storage.SpoolDirectory;
import dev.cairn.server.storage.TenantStores;
import dev.cairn.workspace.members.Caller;
import dev.cairn.workspace.members.WorkspaceRole;
import dev.cairn.workspace.model.Attachment;
import dev.cairn.workspace.write.WriteTx;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Uploads of a workspace's files (ADR 29). An upload is spooled (refused past {@link #maxBytes()} with 413
 * {@code too-large}), hashed, typed ({@link ContentTypes}), stored as a blob of the workspace owner's attachment store
 * counted in the owner's quota (a full quota refuses it with 507 {@code quota-exceeded} and nothing is kept), and
 * recorded in {@code ws_attachments} under a random id. Records name uploads by that id; only uploads of the caller's
 * own workspace can be named or read, so an id of another workspace is "not found" whoever asks. Roles are the
 * routes' business: uploading is an editor's, reading a viewer's. Thread-safe.
 */
public final class AttachmentService {
    /** The size limit of one file unless the server says otherwise. */
    public static final long DEFAULT_MAX_BYTES = 100L << 20;
    private final Jdbi jdbi;
    private final AttachmentBlobs blobs;
    private final SpoolDirectory spool;
    private final RandomBytes random;
    private final InstantSource clock;
    private final long maxBytes;

    public AttachmentService(Jdbi jdbi, TenantStores stores, QuotaService quota, SpoolDirectory spool,
            RandomBytes random, InstantSource clock, long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("the attachment size limit " + maxBytes + " must be at least 1 byte");
        }
        this.jdbi = jdbi;
        this.blobs = new AttachmentBlobs(stores, quota);
        this.spool = spool;
        this.random = random;
        this.clock = clock;
        this.maxBytes = maxBytes;
    }

    /** The largest file accepted, in bytes. */
    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Stores {@code body} as a new upload of the caller's workspace named {@code fileName} (made safe), of the type
     * the client {@code declared} unless its bytes say otherwise.
     *
     * @param contentLength the declared length, or -1 if unknown (the limit is then checked while reading)
     * @throws ServiceException {@code too-large} past the limit, {@code quota-exceeded} if the owner's quota is full
     */
    public Attachment upload(Caller caller, String fileName, String declared, InputStream body, long contentLength)
            throws IOException {
        if (contentLength > maxBytes) {
            throw tooLarge();
        }
        Path file = spool.newFile("attachment-");
        try {
            Spooled s = spool(body, file);
            Attachment a = new Attachment(HexFormat.of().formatHex(random.bytes(16)), FileNames.safe(fileName),
                    ContentTypes.of(s.head, s.headLength, declared), s.bytes, s.sha256);
            long owner = owner(caller.workspaceId());
            blobs.store(owner, a.id(), file, a.bytes());
            try {
                insert(caller.workspaceId(), a);
            } catch (RuntimeException e) {
                blobs.delete(owner, a.id(), a.bytes());
                throw e;
            }
            return a;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** An upload's description and its bytes, which the caller closes. */
    public record Download(Attachment attachment, InputStream content) {
    }

    /**
     * Opens upload {@code id} of the caller's workspace.
     *
     * @throws ServiceException {@code not-found} if the workspace has no such upload (also for another's)
     */
    public Download open(Caller caller, String id) throws IOException {
        Attachment a = jdbi.withHandle(h -> find(h, caller.workspaceId(), id))
                .orElseThrow(() -> ServiceException.notFound("this workspace has no file " + id));
        return new Download(a, blobs.open(owner(caller.workspaceId()), a.id()));
    }

    /** The bytes of upload {@code id} of workspace {@code workspaceId}, for the export (which read its row). */
    public InputStream content(long workspaceId, String id) throws IOException {
        return blobs.open(owner(workspaceId), id);
    }

    /** Upload {@code id} of workspace {@code workspaceId} as recorded, if there is one (no other's). */
    public static Optional<Attachment> find(Handle h, long workspaceId, String id) {
        if (id == null || !Attachment.ID.matcher(id).matches()) {
            return Optional.empty();
        }
        return h.createQuery("SELECT id, name, content_type, bytes, sha256 FROM ws_attachments WHERE id = :id AND "
                + "workspace_id = :w").bind("id", id).bind("w", workspaceId)
                .map((rs, ctx) -> new Attachment(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5))).findOne();
    }

    /**
     * Deletes the uploads made before {@code grace} ago that no version of any record refers to (ADR 29): no change
     * of the workspace's log names them, and every value a record ever had is in its log (inserts, updates and
     * restores log their new values; imports cannot feed attachment columns). The log is read outside the workspace's
     * write lock, then, under it, the changes since; so a record written meanwhile keeps its file, and a write that
     * names a deleted upload is refused. Rows go first, then the bytes, which leave the quota. Returns how many went.
     */
    public int collect(java.time.Duration grace) throws IOException {
        long cutoff = clock.millis() - grace.toMillis();
        List<Long> workspaces = jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT workspace_id FROM ws_attachments "
                + "WHERE created_at < :c").bind("c", cutoff).mapTo(Long.class).list());
        int gone = 0;
        for (long w : workspaces) {
            gone += collect(w, cutoff);
        }
        return gone;
    }

    private int collect(long workspaceId, long cutoff) throws IOException {
        long[] seq = {0};
        Map<String, Long> unused = jdbi.inTransaction(h -> {
            seq[0] = h.createQuery("SELECT seq FROM workspaces WHERE id = :w").bind("w", workspaceId)
                    .mapTo(Long.class).one();
            Map<String, Long> candidates = new HashMap<>();
            h.createQuery("SELECT id, bytes FROM ws_attachments WHERE workspace_id = :w AND created_at < :c")
                    .bind("w", workspaceId).bind("c", cutoff).map((rs, ctx) -> candidates.put(rs.getString(1),
                            rs.getLong(2))).list();
            candidates.keySet().removeAll(AttachmentRefs.named(h, workspaceId, 0));
            return candidates;
        });
        if (unused.isEmpty()) {
            return 0;
        }
        Caller system = jdbi.withHandle(h -> h.createQuery("SELECT a.id, a.name FROM workspaces w JOIN accounts a ON "
                + "a.id = w.account_id WHERE w.id = :w").bind("w", workspaceId).map((rs, ctx) -> new Caller(
                        workspaceId, rs.getString(2), rs.getLong(1), rs.getString(2), WorkspaceRole.OWNER)).one());
        Map<String, Long> deleted = WriteTx.runAlone(jdbi, system, clock, tx -> {
            Map<String, Long> go = new HashMap<>(unused);
            go.keySet().removeAll(AttachmentRefs.named(tx.handle(), workspaceId, seq[0]));
            for (String id : go.keySet()) {
                tx.handle().createUpdate("DELETE FROM ws_attachments WHERE id = :id AND workspace_id = :w")
                        .bind("id", id).bind("w", workspaceId).execute();
            }
            return go;
        });
        for (var e : deleted.entrySet()) {
            blobs.delete(system.accountId(), e.getKey(), e.getValue());
        }
        return deleted.size();
    }

    /** A restored file as this workspace records it, and whether the restore stored it (else it was here). */
    public record Adopted(Attachment attachment, boolean stored) {
    }

    /**
     * Makes {@code copied}, a file of a copy whose bytes are {@code file} (already checked against {@code copied}'s
     * size and SHA-256 by the caller), an upload of workspace {@code workspaceId} (ADR 31): the upload of that id if
     * this workspace has it with the same bytes; else an upload of this workspace with the same name and bytes; else
     * the bytes stored anew through the quota (reserve, store, commit) under the copy's id if no workspace of this
     * server uses that id, otherwise under a new random id. A stored file is an ordinary upload: until a committed
     * change names it, the collection ({@link #collect}) deletes it after its grace, and {@link #discard} at once.
     *
     * @throws dev.cairn.server.error.QuotaExceededException if the owner's quota is full; nothing is kept then
     */
    public Adopted adopt(long workspaceId, Attachment copied, Path file) throws IOException {
        Optional<Attachment> here = jdbi.withHandle(h -> find(h, workspaceId, copied.id())
                .filter(a -> a.bytes() == copied.bytes() && a.sha256().equals(copied.sha256()))
                .or(() -> h.createQuery("SELECT id, name, content_type, bytes, sha256 FROM ws_attachments WHERE "
                        + "workspace_id = :w AND sha256 = :s AND bytes = :b AND name = :n ORDER BY id")
                        .bind("w", workspaceId).bind("s", copied.sha256()).bind("b", copied.bytes())
                        .bind("n", FileNames.safe(copied.name())).setMaxRows(1)
                        .map((rs, ctx) -> new Attachment(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getLong(4), rs.getString(5))).findFirst()));
        if (here.isPresent()) {
            return new Adopted(here.get(), false);
        }
        String id = copied.id();
        while (!Attachment.ID.matcher(id).matches() || taken(id)) {
            id = HexFormat.of().formatHex(random.bytes(16));
        }
        Attachment a = new Attachment(id, FileNames.safe(copied.name()), copied.contentType() == null
                ? "application/octet-stream" : copied.contentType(), copied.bytes(),
                copied.sha256());
        long owner = owner(workspaceId);
        blobs.store(owner, id, file, a.bytes());
        try {
            insert(workspaceId, a);
        } catch (RuntimeException e) {
            blobs.delete(owner, id, a.bytes());
            throw e;
        }
        return new Adopted(a, true);
    }

    /** Whether any workspace of this server has an upload {@code id}. */
    private boolean taken(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM ws_attachments WHERE id = :id").bind("id", id)
                .mapTo(Long.class).one()) > 0;
    }

    /**
     * Deletes uploads {@code stored} of the caller's workspace that a restore stored and then did not use (it
     * failed): their rows and bytes go and leave the quota at once, except an upload a change after {@code afterSeq}
     * names (checked under the workspace's write lock, as {@link #collect} does). Returns how many went.
     */
    public int discard(Caller caller, java.util.Collection<Attachment> stored, long afterSeq) throws IOException {
        if (stored.isEmpty()) {
            return 0;
        }
        long workspaceId = caller.workspaceId();
        List<Attachment> deleted = WriteTx.runAlone(jdbi, caller, clock, tx -> {
            java.util.Set<String> named = AttachmentRefs.named(tx.handle(), workspaceId, afterSeq);
            List<Attachment> go = stored.stream().filter(a -> !named.contains(a.id())).toList();
            for (Attachment a : go) {
                tx.handle().createUpdate("DELETE FROM ws_attachments WHERE id = :id AND workspace_id = :w")
                        .bind("id", a.id()).bind("w", workspaceId).execute();
            }
            return go;
        });
        long owner = owner(workspaceId);
        for (Attachment a : deleted) {
            blobs.delete(owner, a.id(), a.bytes());
        }
        return deleted.size();
    }

    /** Deletes the bytes of every attachment of the account (its purge; the rows go with its workspace). */
    public void purge(long accountId) throws IOException {
        blobs.deleteAll(accountId);
    }

    private record Spooled(long bytes, String sha256, byte[] head, int headLength) {
    }

    private Spooled spool(InputStream body, Path file) throws IOException {
        MessageDigest sha = sha256();
        byte[] head = new byte[ContentTypes.HEAD];
        int headLength = 0;
        long total = 0;
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = body.read(buffer)) >= 0; ) {
                total += n;
                if (total > maxBytes) {
                    throw tooLarge();
                }
                int take = Math.min(n, head.length - headLength);
                System.arraycopy(buffer, 0, head, headLength, take);
                headLength += take;
                out.write(buffer, 0, n);
            }
        }
        return new Spooled(total, HexFormat.of().formatHex(sha.digest()), head, headLength);
    }

    private void insert(long workspaceId, Attachment a) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO ws_attachments (id, workspace_id, name, content_type, bytes, "
                + "sha256, created_at) VALUES (:id, :w, :n, :t, :b, :s, :at)").bind("id", a.id()).bind("w", workspaceId)
                .bind("n", a.name()).bind("t", a.contentType()).bind("b", a.bytes()).bind("s", a.sha256())
                .bind("at", clock.millis()).execute());
    }

    private long owner(long workspaceId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT account_id FROM workspaces WHERE id = :w")
                .bind("w", workspaceId).mapTo(Long.class).findOne())
                .orElseThrow(() -> ServiceException.notFound("no workspace with id " + workspaceId));
    }

    private ServiceException tooLarge() {
        return new ServiceException(ErrorCode.TOO_LARGE, "files are limited to " + mib(maxBytes) + " each; this one "
                + "is larger");
    }

    private static String mib(long bytes) {
        if (bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        return bytes % 1024 == 0 ? (bytes >> 10) + " KiB" : bytes + " bytes";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
