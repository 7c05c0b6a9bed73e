package dev.cairn.export.service;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobNotFoundException;
import dev.cairn.blob.BlobStore;
import dev.cairn.server.quota.QuotaService;
import dev.cairn.server.storage.TenantStores;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The encrypted bundles, in each account's export store ({@link TenantStores#featureStore}, out of reach of the storage
 * APIs), named by their SHA-256 and counted in the account's quota: reserved before the bytes are stored, committed once
 * they are, freed when deleted (ADR 27). Thread-safe.
 */
final class BundleFiles {
    /** The feature store's name; also the ledger's repository name, which no repository can have ({@code _}). */
    static final String STORE = "export";
    private static final String LEDGER = "_export";
    private final TenantStores stores;
    private final QuotaService quota;

    BundleFiles(TenantStores stores, QuotaService quota) {
        this.stores = stores;
        this.quota = quota;
    }

    /**
     * Stores the encrypted bundle in {@code file} as {@code sha256}.
     *
     * @throws dev.cairn.server.error.QuotaExceededException before anything is stored
     */
    void store(long accountId, Path file, String sha256, long bytes) throws IOException {
        // an export is a read of the customer's own data: billing's write policies (dunning) never stop it, the quota does
        quota.reserveUnpoliced(accountId, bytes);
        try (InputStream in = Files.newInputStream(file)) {
            store(accountId).put(name(sha256), in, bytes);
        } catch (IOException | RuntimeException e) {
            quota.release(accountId, bytes);
            throw e;
        }
        quota.commit(accountId, LEDGER, bytes, bytes);
    }

    /** {@code length} bytes of the bundle from {@code offset}. */
    InputStream open(long accountId, String sha256, long offset, long length) throws IOException {
        return store(accountId).get(name(sha256), offset, length);
    }

    /** Deletes the bundle (if it is there) and gives its bytes back to the quota. */
    void delete(long accountId, String sha256, long bytes) throws IOException {
        try {
            store(accountId).delete(name(sha256));
        } catch (BlobNotFoundException gone) {
            return;
        }
        quota.freed(accountId, LEDGER, bytes);
    }

    /** Deletes every bundle of the account (its purge: the quota ledger goes with the account). */
    void deleteAll(long accountId) throws IOException {
        BlobStore store = store(accountId);
        for (var info : store.list(BlobKind.PACK)) {
            store.delete(info.name());
        }
    }

    private BlobStore store(long accountId) throws IOException {
        return stores.featureStore(STORE, accountId);
    }

    private static BlobName name(String sha256) {
        return BlobName.of(BlobKind.PACK, sha256);
    }
}
