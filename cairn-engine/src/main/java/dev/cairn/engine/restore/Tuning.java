package dev.cairn.engine.restore;

/**
 * Internal knobs of the file writer; {@link #DEFAULT} is what {@link Restorer#create} uses and tests shrink them.
 *
 * @param segmentBytes files with more plaintext than this are split, on blob boundaries, into segments written by
 *                     different workers
 * @param maxRunBytes  largest ranged read that coalesces consecutive, back-to-back blobs of one pack
 * @param cacheBytes   capacity of the cache of blobs needed more than once
 */
record Tuning(long segmentBytes, int maxRunBytes, long cacheBytes) {
    static final Tuning DEFAULT = new Tuning(32L << 20, 4 << 20, 4L << 20);
}
