package dev.cairn.agent.mount;

import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.id.BlobType;
import dev.cairn.engine.repo.Repository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;

/**
 * Decrypted data blobs, bounded in memory: a least-recently-used cache of at most {@code maxBytes} of plaintext, one load
 * per blob however many readers want it at once, and read-ahead of the blobs a sequential reader will want next on a few
 * background threads (at most {@code prefetchers} loads at a time, never waited for). Thread-safe.
 */
final class BlobCache {
    private final Repository repo;
    private final WeightedCache<BlobId, byte[]> cache;
    private final ConcurrentHashMap<BlobId, CompletableFuture<byte[]>> loading = new ConcurrentHashMap<>();
    private final Executor background;
    private final Semaphore prefetchSlots;

    BlobCache(Repository repo, long maxBytes, Executor background, int prefetchers) {
        this.repo = repo;
        this.cache = new WeightedCache<>(maxBytes, b -> b.length + 16L);
        this.background = background;
        this.prefetchSlots = new Semaphore(prefetchers);
    }

    /**
     * The plaintext of data blob {@code id}; the caller must not modify it.
     *
     * @throws IOException if it cannot be read or is damaged ({@code CorruptDataException})
     */
    byte[] get(BlobId id) throws IOException {
        byte[] hit = cache.get(id);
        if (hit != null) {
            return hit;
        }
        CompletableFuture<byte[]> mine = new CompletableFuture<>();
        CompletableFuture<byte[]> theirs = loading.putIfAbsent(id, mine);
        if (theirs != null) {
            return await(theirs);
        }
        try {
            byte[] plain = repo.loadBlob(BlobType.DATA, id);
            cache.put(id, plain);
            mine.complete(plain);
            return plain;
        } catch (IOException | RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            loading.remove(id, mine);
        }
    }

    private static byte[] await(CompletableFuture<byte[]> load) throws IOException {
        try {
            return load.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for a blob");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e.getCause() instanceof RuntimeException r ? r : new UncheckedIOException(new IOException(e.getCause()));
        }
    }

    /** Starts loading {@code id} in the background unless it is cached, loading, or every read-ahead slot is busy. */
    void prefetch(BlobId id) {
        if (cache.get(id) != null || loading.containsKey(id) || !prefetchSlots.tryAcquire()) {
            return;
        }
        try {
            background.execute(() -> {
                try {
                    get(id);
                } catch (IOException | RuntimeException e) {
                    // the reader that needs it loads it again and reports the failure
                } finally {
                    prefetchSlots.release();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            prefetchSlots.release(); // shutting down
        }
    }

    /** Bytes of plaintext held now. */
    long heldBytes() {
        return cache.weight();
    }
}
