package dev.cairn.agent.mount;

/**
 * How the mount serves.
 *
 * @param listen     where to listen
 * @param password   HTTP Basic password for user {@code cairn}; null for none (loopback only: the command enforces it)
 * @param cacheBytes plaintext of data blobs kept in memory (the bound of {@link BlobCache}); trees and file layouts get
 *                   a quarter of it each on top
 * @param threads    requests handled at once (more wait; idle keep-alive connections hold no thread)
 */
public record MountOptions(ListenAddress listen, String password, long cacheBytes, int threads) {
    public static final long DEFAULT_CACHE_BYTES = 16L << 20;
    public static final int DEFAULT_THREADS = 8;

    public MountOptions {
        if (cacheBytes < 0 || threads < 1) {
            throw new IllegalArgumentException("cache size must be ≥ 0 and threads ≥ 1");
        }
    }
}
