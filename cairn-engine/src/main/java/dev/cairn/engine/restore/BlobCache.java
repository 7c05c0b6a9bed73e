package dev.cairn.engine.restore;

import dev.cairn.engine.id.BlobId;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A small least-recently-used cache of blob plaintexts, bounded in bytes, that admits only blobs the plan knows are needed
 * more than once (duplicate chunks within or across files). Thread-safe. Cached arrays are shared: callers must not modify them.
 */
final class BlobCache {
    private final Set<BlobId> shared;
    private final long capacity;
    private final LinkedHashMap<BlobId, byte[]> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    BlobCache(Set<BlobId> shared, long capacityBytes) {
        this.shared = shared;
        this.capacity = capacityBytes;
    }

    /** The cached plaintext, or null. */
    byte[] get(BlobId id) {
        if (!shared.contains(id)) {
            return null;
        }
        synchronized (entries) {
            return entries.get(id);
        }
    }

    /** Whether {@link #get} would return the blob now. */
    boolean contains(BlobId id) {
        return get(id) != null;
    }

    /**
     * Keeps a copy of {@code plaintext[0, length)} if the blob is shared and not larger than a quarter of the cache; evicts
     * the oldest as needed. The caller may reuse {@code plaintext} afterwards.
     */
    void offer(BlobId id, byte[] plaintext, int length) {
        if (!shared.contains(id) || length > capacity / 4) {
            return;
        }
        offer(id, java.util.Arrays.copyOf(plaintext, length));
    }

    private void offer(BlobId id, byte[] plaintext) {
        synchronized (entries) {
            byte[] old = entries.put(id, plaintext);
            bytes += plaintext.length - (old == null ? 0 : old.length);
            Iterator<Map.Entry<BlobId, byte[]>> it = entries.entrySet().iterator();
            while (bytes > capacity && it.hasNext()) {
                bytes -= it.next().getValue().length;
                it.remove();
            }
        }
    }
}
