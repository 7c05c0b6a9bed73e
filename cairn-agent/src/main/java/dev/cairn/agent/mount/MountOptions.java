package dev.cairn.agent.mount;

/**
 * How the mount serves.
 *
 * @param listen     where to listen
 * @param password   HTTP Basic password for user {@code cairn}; null for none (loopback only: the command enforces it)
 * @param cacheBytes plaintext of data blobs kept in memory (the bound of {@link BlobCache}); trees and file layouts get
 *                   a quarter of it each on top
 * @param threads    requests handled at once (more wait; idle keep-alive connections hold no thread)
 * @param refreshEvery how often to look for new snapshots ({@link LiveCatalog}); zero: never
 */
public record MountOptions(ListenAddress listen, String password, long cacheBytes, int threads, java.time.Duration refreshEvery) {
    public static final long DEFAULT_CACHE_BYTES = 16L << 20;
    public static final int DEFAULT_THREADS = 8;
    public static final java.time.Duration DEFAULT_REFRESH = java.time.Duration.ofSeconds(30);

    public MountOptions {
        if (cacheBytes < 0 || threads < 1) {
            throw new IllegalArgumentException("cache size must be ≥ 0 and threads ≥ 1");
        }
        refreshEvery = refreshEvery == null ? java.time.Duration.ZERO : refreshEvery;
    }

    /** Looking for new snapshots every {@link #DEFAULT_REFRESH}. */
    public MountOptions(ListenAddress listen, String password, long cacheBytes, int threads) {
        this(listen, password, cacheBytes, threads, DEFAULT_REFRESH);
    }
}
