package dev.cairn.workspace.files;

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
 * The bytes of attachments, in each owning account's attachment store ({@link TenantStores#featureStore}, out of reach
 * of the storage APIs), one blob per upload named by the upload id, counted in the account's quota: reserved before
 * the bytes are stored, committed once they are, freed when deleted. Thread-safe.
 */
final class AttachmentBlobs {
    /** The feature store's name. */
    static final String STORE = "attachments";
    /** The ledger's repository name, which no repository can have ({@code _}). */
    static final String LEDGER = "_attachments";
    private final TenantStores stores;
    private final QuotaService quota;

    AttachmentBlobs(TenantStores stores, QuotaService quota) {
        this.stores = stores;
        this.quota = quota;
    }

    /**
     * Stores {@code file} as upload {@code id} of {@code accountId}.
     *
     * @throws dev.cairn.server.error.QuotaExceededException before anything is stored
     */
    void store(long accountId, String id, Path file, long bytes) throws IOException {
        quota.reserve(accountId, bytes);
        try (InputStream in = Files.newInputStream(file)) {
            store(accountId).put(name(id), in, bytes);
        } catch (IOException | RuntimeException e) {
            quota.release(accountId, bytes);
            throw e;
        }
        quota.commit(accountId, LEDGER, bytes, bytes);
    }

    /** The bytes of upload {@code id}; the caller closes the stream. */
    InputStream open(long accountId, String id) throws IOException {
        return open(stores, accountId, id);
    }

    /** The bytes of upload {@code id} of account {@code accountId} among {@code stores}; the caller closes them. */
    static InputStream open(TenantStores stores, long accountId, String id) throws IOException {
        return stores.featureStore(STORE, accountId).get(name(id));
    }

    /** Deletes upload {@code id}'s bytes (if they are there) and gives them back to the quota. */
    void delete(long accountId, String id, long bytes) throws IOException {
        try {
            store(accountId).delete(name(id));
        } catch (BlobNotFoundException gone) {
            return;
        }
        quota.freed(accountId, LEDGER, bytes);
    }

    /** Deletes every attachment of the account (its purge: the quota ledger goes with the account). */
    void deleteAll(long accountId) throws IOException {
        BlobStore store = store(accountId);
        for (var info : store.list(BlobKind.PACK)) {
            store.delete(info.name());
        }
    }

    private BlobStore store(long accountId) throws IOException {
        return stores.featureStore(STORE, accountId);
    }

    private static BlobName name(String id) {
        return BlobName.of(BlobKind.PACK, id);
    }
}
