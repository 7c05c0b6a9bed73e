package dev.cairn.server.storage;

import dev.cairn.blob.BlobInfo;
import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobNotFoundException;
import dev.cairn.blob.BlobStore;
import dev.cairn.blob.LocalBlobStore;
import dev.cairn.server.quota.QuotaService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Background work on the stores: recomputing usage from what is really stored (reconciliation) and deleting all data
 * of a tenant whose account deletion grace period ended. Both are safe to run on several server processes at once
 * (deletes of already-deleted objects are ignored), and safe to repeat after a crash. Thread-safe.
 */
public final class StorageMaintenance {
    private final TenantStores stores;
    private final RepoRegistry repos;
    private final QuotaService quota;

    /** One repository whose recorded usage differed from the recount, in bytes (positive: more stored than recorded). */
    public record Drift(long accountId, String repo, long driftBytes, long storedBytes) {
    }

    public StorageMaintenance(TenantStores stores, RepoRegistry repos, QuotaService quota) {
        this.stores = stores;
        this.repos = repos;
        this.quota = quota;
    }

    /**
     * Recounts every repository's stored bytes (hidden, not yet purged objects included: they still occupy space) and
     * corrects the ledger. Uploads committed during the recount can make a repository look drifted by their size until
     * the next run; run it when traffic is low. Returns the repositories that drifted.
     */
    public List<Drift> reconcile() throws IOException {
        List<Drift> drifts = new ArrayList<>();
        for (RepoRegistry.Ref ref : repos.all()) {
            long[] count = count(ref.accountId(), ref.name());
            long drift = quota.correct(ref.accountId(), ref.name(), count[0], count[1]);
            if (drift != 0) {
                drifts.add(new Drift(ref.accountId(), ref.name(), drift, count[0]));
            }
        }
        return drifts;
    }

    /** How often {@link #repairInterrupted} recounts a repository whose ledger moved under the recount. */
    private static final int RECOUNT_ATTEMPTS = 3;

    /**
     * Recounts the repositories where server processes that are gone had uploads in flight (ADR 58: they may have stored
     * objects they never charged) and corrects their ledger; repositories busy with live uploads are left for the next
     * call (their record stays). Safe beside live uploads on other processes. Returns the repositories that drifted.
     */
    public List<Drift> repairInterrupted() throws IOException {
        List<Drift> drifts = new ArrayList<>();
        for (QuotaService.Interrupted where : quota.interrupted()) {
            for (int attempt = 1; attempt <= RECOUNT_ATTEMPTS; attempt++) {
                QuotaService.Ledger before = quota.ledger(where.accountId(), where.repo());
                long[] count = before == null ? new long[2] : count(where.accountId(), where.repo());
                var drift = quota.correctInterrupted(where, before, count[0], count[1]);
                if (drift.isPresent()) {
                    if (drift.getAsLong() != 0) {
                        drifts.add(new Drift(where.accountId(), where.repo(), drift.getAsLong(), count[0]));
                    }
                    break;
                }
            }
        }
        return drifts;
    }

    /** Bytes and objects in one repository's store (hidden, not yet purged objects included). */
    private long[] count(long accountId, String repo) throws IOException {
        long bytes = 0;
        long objects = 0;
        BlobStore store = stores.store(accountId, repo);
        for (BlobKind kind : BlobKind.values()) {
            for (BlobInfo info : store.list(kind)) {
                bytes += info.size();
                objects++;
            }
        }
        return new long[] {bytes, objects};
    }

    /**
     * Removes, from every repository on a local-disk store, the temp files of uploads that no live process is writing
     * (left by a crash or {@code kill -9}); uploads in flight in other server processes are kept (see
     * {@link LocalBlobStore}). S3 stores have none: an interrupted upload leaves no object. Returns how many went.
     */
    public int removeAbandonedUploads(java.time.InstantSource clock) {
        int removed = 0;
        for (RepoRegistry.Ref ref : repos.all()) {
            var local = StoreLocations.localPath(stores.location(ref.accountId(), ref.name()));
            if (local.isPresent()) {
                removed += LocalBlobStore.removeAbandonedTemps(local.get(), clock);
            }
        }
        return removed;
    }

    /** Deletes every object of every repository of a tenant; returns how many were deleted. */
    public long purgeTenant(long accountId) throws IOException {
        long deleted = 0;
        for (RepoRegistry.Ref ref : repos.of(accountId)) {
            BlobStore store = stores.store(accountId, ref.name());
            for (BlobKind kind : BlobKind.values()) {
                for (BlobInfo info : store.list(kind)) {
                    try {
                        store.delete(info.name());
                        deleted++;
                    } catch (BlobNotFoundException e) {
                        // deleted concurrently by another process: fine
                    }
                }
            }
            stores.evict(accountId, ref.name());
        }
        repos.forgetAll(accountId);
        return deleted;
    }
}
