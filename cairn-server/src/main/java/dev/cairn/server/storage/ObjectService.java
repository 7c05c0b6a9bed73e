package dev.cairn.server.storage;

import dev.cairn.blob.BlobInfo;
import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobNotFoundException;
import dev.cairn.blob.BlobOp;
import dev.cairn.blob.BlobStore;
import dev.cairn.blob.MeteringBlobStore;
import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.error.QuotaExceededException;
import dev.cairn.server.error.ServiceException;
import dev.cairn.server.quota.QuotaService;
import java.io.IOException;
import java.io.InputStream;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;

/**
 * The storage entry point for both HTTP protocols. Every operation names a {@link Tenant} and a repository, which select
 * one isolated store; names are validated {@link BlobName}s, so no input can address anything outside it.
 *
 * <p>Uploads: quota is reserved before the first byte is stored (from the declared length, or step by step while a
 * chunked body is spooled), the body streams into the store's atomic put, the optional SHA-256 check fails the put
 * before the object becomes visible, and the reservation is committed only for a visible object. Each upload is
 * recorded as in flight from before the store write until its charge (ADR 58), so one a crash cut off is recounted. Deletes of anything
 * but locks are held for {@link StorageOptions#deleteGrace()} when it is positive.
 *
 * <p>Thread-safe. Throws {@link ServiceException}s for refusals and the store's {@link IOException}s
 * ({@code BlobNotFoundException}, {@code BlobAlreadyExistsException}, {@code TransientBlobStoreException}) as they are.
 */
public final class ObjectService {
    /** Charges an upload once its object is stored, through a database that is briefly unreachable. */
    private final PatientCharge charge;
    private final TenantStores stores;
    private final RepoRegistry repos;
    private final Tombstones tombstones;
    private final QuotaService quota;
    private final TrafficListener traffic;
    private final StorageOptions options;
    private final InstantSource clock;
    private final RetentionLocks retention;
    private final WriteRefusals refusals;
    private final java.util.function.LongConsumer snapshotStored;

    /**
     * @param reads          for read-only lookups ({@code Database#reads}): never waits behind the writer on SQLite
     * @param snapshotStored told the id of the API token that stored a {@code snapshots} object (a device's last backup)
     */
    public ObjectService(TenantStores stores, RepoRegistry repos, QuotaService quota, TrafficListener traffic,
            StorageOptions options, InstantSource clock, org.jdbi.v3.core.Jdbi jdbi, org.jdbi.v3.core.Jdbi reads,
            RetentionLocks retention, java.util.function.LongConsumer snapshotStored) {
        this.retention = retention;
        this.snapshotStored = snapshotStored;
        this.charge = new PatientCharge(PatientCharge.POLICY, dev.cairn.blob.Sleeper.system());
        this.stores = stores;
        this.repos = repos;
        this.tombstones = new Tombstones(jdbi, reads);
        this.refusals = new WriteRefusals(jdbi, clock);
        this.quota = quota;
        this.traffic = traffic;
        this.options = options;
        this.clock = clock;
    }

    /** Creates a repository (idempotent). */
    public void createRepo(Tenant tenant, String repo) throws IOException {
        RepoNames.requireValid(repo);
        stores.store(tenant.accountId(), repo);
        repos.ensure(tenant.accountId(), repo);
    }

    /** Whether the tenant has this repository. */
    public boolean repoExists(Tenant tenant, String repo) {
        return RepoNames.isValid(repo) && repos.exists(tenant.accountId(), repo);
    }

    /**
     * Stores an object, creating the repository if needed.
     *
     * @param length the declared length, or -1 if unknown (the body is then spooled to learn it)
     * @param verifySha256 whether the name is the SHA-256 of the content (restic's data, index, snapshots, keys)
     * @throws QuotaExceededException before anything is stored
     * @throws ServiceException {@code digest-mismatch}, {@code incomplete-body}, {@code too-large}
     * @throws dev.cairn.blob.BlobAlreadyExistsException if the name exists (and is not an identical verified object)
     */
    public PutOutcome put(Tenant tenant, String repo, BlobName name, InputStream body, long length,
            boolean verifySha256) throws IOException {
        try {
            return putChecked(tenant, repo, name, body, length, verifySha256);
        } catch (dev.cairn.server.error.QuotaExceededException e) {
            refusals.record(tenant.accountId(), repo, e.code().code(), e.getMessage());
            throw e;
        }
    }

    /** Writes the tenant's quota refused, for the dashboard. */
    public WriteRefusals refusals() {
        return refusals;
    }

    private PutOutcome putChecked(Tenant tenant, String repo, BlobName name, InputStream body, long length,
            boolean verifySha256) throws IOException {
        if (length > options.maxObjectBytes()) {
            throw new ServiceException(ErrorCode.TOO_LARGE, "object of " + length + " bytes is larger than the "
                    + "server's limit of " + options.maxObjectBytes() + " bytes");
        }
        createRepo(tenant, repo);
        BlobStore store = stores.store(tenant.accountId(), repo);
        purgeIfHidden(tenant, repo, name, store);
        String expected = verifySha256 ? name.id() : null;
        if (verifySha256 && store.exists(name)) {
            return verifyDuplicate(body, length, expected);
        }
        if (!verifySha256 && name.kind() != BlobKind.CONFIG && length >= 0 && store.exists(name)) {
            return verifyResend(store, name, body, length);
        }
        if (length < 0) {
            return putSpooled(tenant, repo, name, body, expected, store);
        }
        // a restore or check takes a lock: always allowed
        quota.reserveUpload(tenant.accountId(), repo, length, name.kind() != BlobKind.LOCK);
        return putReserved(tenant, repo, name, store, new UploadStream(body, length, expected), length, length);
    }

    private PutOutcome putSpooled(Tenant tenant, String repo, BlobName name, InputStream body, String expected,
            BlobStore store) throws IOException {
        try (Spool spool = Spool.copy(body, options.spool(), quota, tenant.accountId(), options.maxObjectBytes());
                InputStream in = java.nio.file.Files.newInputStream(spool.file())) {
            try {
                quota.beginUpload(tenant.accountId(), repo);
            } catch (RuntimeException e) {
                quota.release(tenant.accountId(), spool.reserved());
                throw e;
            }
            return putReserved(tenant, repo, name, store, new UploadStream(in, spool.length(), expected),
                    spool.length(), spool.reserved());
        }
    }

    private PutOutcome putReserved(Tenant tenant, String repo, BlobName name, BlobStore store, UploadStream upload,
            long length, long reserved) throws IOException {
        try {
            metered(tenant, store).put(name, upload, length);
        } catch (IOException | RuntimeException e) {
            BlobInfo storedAnyway = e instanceof dev.cairn.blob.BlobAlreadyExistsException ? null : statQuietly(store, name);
            if (storedAnyway != null) {
                // a lost acknowledgement: the store kept the object (puts are all or nothing) but reported a failure;
                // charge it, or the client's retry finds it present and usage drifts below the store (issue 21)
                charge.run(() -> quota.commitUpload(tenant.accountId(), repo, reserved, storedAnyway.size()));
            } else {
                quota.releaseUpload(tenant.accountId(), repo, reserved);
            }
            throw uploadFailure(upload, e);
        }
        charge.run(() -> quota.commitUpload(tenant.accountId(), repo, reserved, length));
        if (name.kind() == BlobKind.SNAPSHOT && tenant.tokenId() != null) {
            snapshotStored.accept(tenant.tokenId());
        }
        return PutOutcome.CREATED;
    }

    private static final int STAT_ATTEMPTS = 3;

    /**
     * The object's info if the store has it now, null if not or if the store cannot say after {@link #STAT_ATTEMPTS}
     * asks (a store that just lost an answer may fail the next call too; an uncharged stored object is usage drift).
     */
    private static BlobInfo statQuietly(BlobStore store, BlobName name) {
        for (int attempt = 1; attempt <= STAT_ATTEMPTS; attempt++) {
            try {
                return store.stat(name);
            } catch (BlobNotFoundException e) {
                return null;
            } catch (IOException | RuntimeException e) {
                // the store cannot say: ask again
            }
        }
        return null;
    }

    private static PutOutcome verifyDuplicate(InputStream body, long length, String expected) throws IOException {
        UploadStream upload = new UploadStream(body, length, expected);
        try {
            upload.drain();
        } catch (IOException e) {
            throw uploadFailure(upload, e);
        }
        if (length >= 0 && upload.count() != length) {
            throw uploadFailure(upload, new IOException("short body"));
        }
        if (length < 0) {
            throw new ServiceException(ErrorCode.ALREADY_EXISTS, "object exists; send its length to re-upload it");
        }
        return PutOutcome.ALREADY_PRESENT;
    }

    /**
     * A native-protocol object sent again under a name that exists: accepted as already present when the request's
     * bytes and the stored object's both hash to the name (every kind but the config is named by the SHA-256 of its
     * bytes: a client whose answer was lost, or a load balancer passing the request on, sends the same upload twice,
     * and the first may have been stored by a server that died before answering). Anything else is the conflict it
     * was: 409 {@code already-exists}. Reads the stored object only on this rare path; stores and charges nothing.
     */
    private static PutOutcome verifyResend(BlobStore store, BlobName name, InputStream body, long length)
            throws IOException {
        UploadStream upload = new UploadStream(body, length, name.id());
        try {
            drainKeepingMismatch(upload);
        } catch (IOException e) {
            throw uploadFailure(upload, e);
        }
        if (upload.count() != length) {
            throw uploadFailure(upload, new IOException("short body"));
        }
        if (upload.digestMismatch() || !storedHashesTo(store, name, length)) {
            throw new dev.cairn.blob.BlobAlreadyExistsException(name);
        }
        return PutOutcome.ALREADY_PRESENT;
    }

    /** Whether the stored object is {@code length} bytes that hash to its name (read through the upload's own check). */
    private static boolean storedHashesTo(BlobStore store, BlobName name, long length) throws IOException {
        try (InputStream in = store.get(name)) { // UploadStream leaves closing to the owner
            UploadStream stored = new UploadStream(in, length, name.id());
            drainKeepingMismatch(stored);
            return !stored.digestMismatch() && stored.count() == length;
        }
    }

    /** Reads {@code s} to its end; a digest mismatch is left in {@link UploadStream#digestMismatch}, not thrown. */
    private static void drainKeepingMismatch(UploadStream s) throws IOException {
        try {
            s.drain();
        } catch (IOException e) {
            if (!s.digestMismatch()) {
                throw e;
            }
        }
    }

    /** The exception to report for a failed upload: the client's fault if the body was wrong, else the store's. */
    private static IOException uploadFailure(UploadStream upload, Exception e) {
        if (upload.digestMismatch()) {
            throw new ServiceException(ErrorCode.DIGEST_MISMATCH, "the content's SHA-256 does not match the object "
                    + "name; nothing was stored (the data was corrupted in transit, or the client is broken)");
        }
        if (upload.clientFailed()) {
            throw new ServiceException(ErrorCode.INCOMPLETE_BODY, "the request body ended after " + upload.count()
                    + " bytes, before its declared length; nothing was stored, send it again", e);
        }
        if (e instanceof IOException io) {
            return io;
        }
        throw (RuntimeException) e;
    }

    /**
     * Size of a visible object.
     *
     * @throws BlobNotFoundException if absent, hidden, or the repository does not exist
     */
    public BlobInfo stat(Tenant tenant, String repo, BlobName name) throws IOException {
        BlobStore store = existing(tenant, repo, name);
        return store.stat(name);
    }

    /**
     * Opens a visible object, whole ({@code offset} 0 and {@code length} -1) or a range of it, which must lie within
     * the object (callers {@link #stat} first to learn the size).
     *
     * @throws BlobNotFoundException if absent or hidden
     */
    public Download read(Tenant tenant, String repo, BlobName name, long offset, long length) throws IOException {
        BlobStore store = metered(tenant, existing(tenant, repo, name));
        InputStream in = length < 0 ? store.get(name) : store.get(name, offset, length);
        return new Download(in, offset, length);
    }

    /**
     * The visible objects of one kind.
     *
     * @throws ServiceException {@code not-found} if the repository does not exist
     */
    public List<BlobInfo> list(Tenant tenant, String repo, BlobKind kind) throws IOException {
        requireRepo(tenant, repo);
        List<BlobInfo> all = stores.store(tenant.accountId(), repo).list(kind);
        if (kind == BlobKind.LOCK) {
            return all;
        }
        Set<String> hidden = tombstones.ids(tenant.accountId(), repo, kind);
        return hidden.isEmpty() ? all : all.stream().filter(i -> !hidden.contains(i.name().id())).toList();
    }

    /**
     * Deletes an object: at once for locks or without a grace period (freeing its bytes), otherwise hidden until the
     * grace period ends. Anything but a lock file must be older than the repository's retention lock.
     *
     * @throws BlobNotFoundException if absent or already hidden
     * @throws dev.cairn.server.error.RetentionLockedException while the object is under the retention lock
     */
    public void delete(Tenant tenant, String repo, BlobName name) throws IOException {
        BlobStore store = existing(tenant, repo, name);
        BlobInfo info = store.stat(name);
        if (name.kind() != BlobKind.LOCK) {
            retention.checkDelete(tenant.accountId(), repo, info, clock.instant());
        }
        long size = info.size();
        if (name.kind() != BlobKind.LOCK && options.deleteGrace().isPositive()) {
            var now = clock.instant();
            if (!tombstones.add(tenant.accountId(), repo, name, size, now, now.plus(options.deleteGrace()))) {
                throw new BlobNotFoundException(name);
            }
            return;
        }
        removeFromStore(tenant.accountId(), repo, store, name);
        quota.freedRemoval(tenant.accountId(), repo, size);
    }

    /**
     * Deletes {@code name} from the store inside a removal begun for the repair's sake ({@link QuotaService#beginRemoval});
     * if the delete fails the removal is abandoned and the failure thrown, else the caller ends it.
     */
    private void removeFromStore(long accountId, String repo, BlobStore store, BlobName name) throws IOException {
        quota.beginRemoval(accountId, repo);
        try {
            store.delete(name);
        } catch (IOException | RuntimeException e) {
            quota.abandonRemoval(accountId, repo);
            throw e;
        }
    }

    /** Physically removes hidden objects whose grace period has ended; returns how many. */
    public int purgeDeleted(int limit) throws IOException {
        int purged = 0;
        for (Tombstones.Due due : tombstones.due(clock.instant(), limit)) {
            BlobStore store = stores.store(due.accountId(), due.repo());
            purgeOne(due.accountId(), due.repo(), due.name(), store, due.size());
            purged++;
        }
        return purged;
    }

    private void purgeIfHidden(Tenant tenant, String repo, BlobName name, BlobStore store) throws IOException {
        if (name.kind() != BlobKind.LOCK && tombstones.contains(tenant.accountId(), repo, name)) {
            purgeOne(tenant.accountId(), repo, name, store, store.stat(name).size());
        }
    }

    private void purgeOne(long accountId, String repo, BlobName name, BlobStore store, long size) throws IOException {
        try {
            removeFromStore(accountId, repo, store, name);
        } catch (BlobNotFoundException e) {
            tombstones.remove(accountId, repo, name); // another process purged it and freed the bytes
            return;
        }
        if (tombstones.remove(accountId, repo, name)) {
            quota.freedRemoval(accountId, repo, size);
        } else {
            quota.abandonRemoval(accountId, repo);
        }
    }

    /**
     * {@code store} counting what the tenant moves: the bytes of a stored object (ingress, once it is visible) and the
     * bytes a download sent (egress, when its stream is closed).
     */
    private BlobStore metered(Tenant tenant, BlobStore store) {
        return MeteringBlobStore.wrap(store, (op, bytes, failed) -> {
            if (op == BlobOp.PUT && !failed) {
                traffic.ingress(tenant, bytes);
            } else if (op == BlobOp.GET && bytes > 0) {
                traffic.egress(tenant, bytes);
            }
        });
    }

    private BlobStore existing(Tenant tenant, String repo, BlobName name) throws IOException {
        if (!repoExists(tenant, repo)) {
            throw new BlobNotFoundException(name);
        }
        if (name.kind() != BlobKind.LOCK && tombstones.contains(tenant.accountId(), repo, name)) {
            throw new BlobNotFoundException(name);
        }
        return stores.store(tenant.accountId(), repo);
    }

    /**
     * Deletes a whole repository: every object (with the delete grace period, if any, like single deletes), then the
     * repository itself, its size history is the caller's. Nothing is deleted when any object is still under the
     * retention lock. Returns how many objects were deleted.
     *
     * @throws dev.cairn.server.error.RetentionLockedException naming the first locked object; nothing was deleted
     * @throws ServiceException {@code not-found} if the repository does not exist
     */
    public int deleteRepository(Tenant tenant, String repo) throws IOException {
        requireRepo(tenant, repo);
        var now = clock.instant();
        java.util.List<BlobInfo> all = new java.util.ArrayList<>();
        for (BlobKind kind : BlobKind.values()) {
            for (BlobInfo info : list(tenant, repo, kind)) {
                if (kind != BlobKind.LOCK) {
                    retention.checkDelete(tenant.accountId(), repo, info, now);
                }
                all.add(info);
            }
        }
        int deleted = 0;
        for (BlobInfo info : all) {
            try {
                delete(tenant, repo, info.name());
                deleted++;
            } catch (BlobNotFoundException e) {
                // deleted meanwhile by someone else: the outcome is the same
            }
        }
        repos.remove(tenant.accountId(), repo);
        refusals.forget(tenant.accountId(), repo);
        return deleted;
    }

    private void requireRepo(Tenant tenant, String repo) {
        if (!repoExists(tenant, repo)) {
            throw ServiceException.notFound("repository '" + repo + "' does not exist; create it first "
                    + "(restic init, or any upload through the native API)");
        }
    }
}
