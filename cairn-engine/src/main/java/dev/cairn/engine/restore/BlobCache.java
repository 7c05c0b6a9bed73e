package dev.cairn.engine.restore;

import dev.cairn.engine.id.BlobId;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small least-recently-used cache of blob plaintexts, bounded in bytes, that admits only blobs seen more than once in
 * this restore (duplicate chunks within or across files). Sightings are kept in two fixed bitsets indexed by id bits (ids
 * are uniformly random), so telling "seen twice" costs {@value #FILTER_BITS} bits twice whatever the snapshot's size; a
 * false "seen twice" only admits a blob needlessly. The first copy of a duplicate is read before it is known to repeat,
 * so a duplicate is read at most twice. Thread-safe. Cached arrays are shared: callers must not modify them.
 */
final class BlobCache {
    static final int FILTER_BITS = 1 << 22;
    private final long capacity;
    private final long[] seen = new long[FILTER_BITS / 64];
    private final long[] seenTwice = new long[FILTER_BITS / 64];
    private final LinkedHashMap<BlobId, byte[]> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    BlobCache(long capacityBytes) {
        this.capacity = capacityBytes;
    }

    /** Records that a file to restore uses {@code id}; the second sighting makes it worth caching. */
    synchronized void sighted(BlobId id) {
        int bit = bit(id);
        long mask = 1L << bit;
        if ((seen[bit >>> 6] & mask) != 0) {
            seenTwice[bit >>> 6] |= mask;
        } else {
            seen[bit >>> 6] |= mask;
        }
    }

    private synchronized boolean shared(BlobId id) {
        int bit = bit(id);
        return (seenTwice[bit >>> 6] & (1L << bit)) != 0;
    }

    private static int bit(BlobId id) {
        return id.hashCode() & (FILTER_BITS - 1);
    }

    /** The cached plaintext, or null. */
    byte[] get(BlobId id) {
        if (!shared(id)) {
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
     * Keeps a copy of {@code plaintext[0, length)} if the blob was seen more than once and is not larger than a quarter of
     * the cache; evicts the oldest as needed. The caller may reuse {@code plaintext} afterwards.
     */
    void offer(BlobId id, byte[] plaintext, int length) {
        if (length > capacity / 4 || !shared(id)) {
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
