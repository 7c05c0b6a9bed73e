package dev.cairn.server.storage;

import dev.cairn.blob.BlobStore;
import dev.cairn.blob.BlobStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens, and keeps open, the store of each (tenant, repository) at {@code <root>/tenants/<accountId>/<repo>}. The
 * tenant is named by its immutable account id, never its name, so a later account with a reused name can never see the
 * old tenant's data. Thread-safe; {@link #close()} closes every open store.
 */
public final class TenantStores implements AutoCloseable {
    private final String root;
    private final ConcurrentHashMap<String, BlobStore> open = new ConcurrentHashMap<>();

    public TenantStores(String root) {
        this.root = root;
    }

    /** The root location stores are derived from. */
    public String root() {
        return root;
    }

    /** The location of a repository's store (for logs and the admin CLI). */
    public String location(long accountId, String repo) {
        return StoreLocations.child(root, List.of("tenants", Long.toString(accountId), RepoNames.requireValid(repo)));
    }

    /**
     * The store of one repository, created if needed.
     *
     * @throws IOException if it cannot be created or opened
     */
    public BlobStore store(long accountId, String repo) throws IOException {
        return opened(location(accountId, repo));
    }

    /**
     * The store a feature keeps one tenant's files in ({@code <root>/features/<feature>/<accountId>}), created if
     * needed. It lies outside {@code tenants/}, so no repository name of the storage APIs can reach it; what the
     * feature stores there it counts in the tenant's quota itself, and deletes when the account is purged.
     *
     * @throws IOException if it cannot be created or opened
     * @throws IllegalArgumentException for a feature name that is not one safe path segment
     */
    public BlobStore featureStore(String feature, long accountId) throws IOException {
        return opened(StoreLocations.child(root, List.of("features", feature, Long.toString(accountId))));
    }

    private BlobStore opened(String location) throws IOException {
        try {
            return open.computeIfAbsent(location, l -> {
                try {
                    return BlobStores.create(l);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Forgets (and closes) the open store of a repository, e.g. after its data was purged. */
    public void evict(long accountId, String repo) throws IOException {
        BlobStore store = open.remove(location(accountId, repo));
        if (store != null) {
            store.close();
        }
    }

    @Override
    public void close() throws IOException {
        for (BlobStore store : open.values()) {
            store.close();
        }
        open.clear();
    }
}
