package dev.cairn.engine.repo;

import dev.cairn.blob.BlobInfo;
import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobNotFoundException;
import dev.cairn.blob.BlobStore;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What opening a repository reads while the key is being derived (Argon2id takes a few hundred milliseconds of one core):
 * nothing here needs the key, and nothing here is trusted more than a later download would be. The config's sealed bytes
 * (null if there is none), the index files' names, and, until the key is ready, the sealed snapshot files the local
 * snapshot cache lacks (they are checked against their names and authenticated when used, like any download).
 *
 * @param failure what went wrong reading the config or the index listing, thrown once the key is known (so that a wrong
 *                passphrase or a store with no repository is reported first, as when nothing is prefetched)
 */
record OpenPrefetch(byte[] sealedConfig, List<String> indexIds, Map<String, byte[]> snapshots, IOException failure) {

    /**
     * Reads from {@code store}; snapshot files are fetched only while {@code keyPending} says the key is not ready yet, and
     * a failure to fetch one is left to the later, ordinary fetch.
     */
    static OpenPrefetch fetch(BlobStore store, SnapshotCache cache, BooleanSupplier keyPending) {
        byte[] config;
        List<String> index;
        try {
            config = configOrNull(store);
            index = names(store.list(BlobKind.INDEX));
        } catch (IOException e) {
            return new OpenPrefetch(null, List.of(), Map.of(), e);
        }
        return new OpenPrefetch(config, index, snapshots(store, cache, keyPending), null);
    }

    private static byte[] configOrNull(BlobStore store) throws IOException {
        try {
            return store.getAll(BlobName.CONFIG);
        } catch (BlobNotFoundException e) {
            return null;
        }
    }

    private static Map<String, byte[]> snapshots(BlobStore store, SnapshotCache cache, BooleanSupplier keyPending) {
        Map<String, byte[]> out = new HashMap<>();
        try {
            if (!keyPending.getAsBoolean()) {
                return out;
            }
            for (String id : names(store.list(BlobKind.SNAPSHOT))) {
                if (!keyPending.getAsBoolean()) {
                    break;
                }
                if (!cache.holds(id)) {
                    out.put(id, store.getAll(BlobName.of(BlobKind.SNAPSHOT, id)));
                }
            }
        } catch (IOException | RuntimeException e) {
            // what was not prefetched is fetched when it is used
        }
        return out;
    }

    private static List<String> names(List<BlobInfo> infos) {
        return infos.stream().map(i -> i.name().id()).toList();
    }
}
