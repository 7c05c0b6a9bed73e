package dev.cairn.engine.restore;

/**
 * Internal knobs of the file writer; {@link #DEFAULT} is what {@link Restorer#create} uses and tests shrink them.
 *
 * @param segmentBytes files with more plaintext than this are split, on blob boundaries, into segments written by
 *                     different workers
 * @param maxRunBytes  largest ranged read: consecutive, back-to-back blobs of one file, or the needed blobs of one pack
 *                     for a batch; reads are streamed blob by blob, so this bounds a request, not memory
 * @param cacheBytes   capacity of the cache of blobs needed more than once
 * @param batchedFileBytes files of at most this size are restored in batches, by pack (negative: never)
 * @param batchFiles   most files in one batch
 * @param maxGapBytes  a batch's ranged read spans unneeded bytes between two needed blobs of a pack up to this many
 */
record Tuning(long segmentBytes, int maxRunBytes, long cacheBytes, long batchedFileBytes, int batchFiles, int maxGapBytes) {
    /**
     * Every file is restored in batches, by pack: a batch of up to 2048 files or 256 MiB reads each pack it needs with one
     * streamed ranged read of up to 64 MiB (more than a pack) that spans gaps of up to 4 MiB, so the number of requests is
     * about the number of packs (as restic's restorer, which reads each pack from its first to its last needed blob).
     */
    static final Tuning DEFAULT = new Tuning(32L << 20, 64 << 20, 4L << 20, Long.MAX_VALUE, 2048, 4 << 20);

    /** File by file, no batches. */
    Tuning(long segmentBytes, int maxRunBytes, long cacheBytes) {
        this(segmentBytes, maxRunBytes, cacheBytes, -1, 1, 0);
    }

    /** Plaintext bytes after which a batch is started even if it has fewer than {@link #batchFiles} files. */
    long batchBytes() {
        return 4L * maxRunBytes;
    }
}
