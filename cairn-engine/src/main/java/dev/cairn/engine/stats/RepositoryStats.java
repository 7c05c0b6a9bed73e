package dev.cairn.engine.stats;

import dev.cairn.engine.repo.Repository;
import java.io.IOException;

/**
 * Sizes of a repository, as {@code cairn stats} shows them. All sizes are in bytes.
 *
 * @param snapshotCount        readable snapshots (damaged ones are skipped; {@code cairn check} lists them)
 * @param totalLogicalBytes    sum of the sizes of all files over all snapshots, each snapshot counted in full
 * @param latestLogicalBytes   the same, over only the newest snapshot of each host + paths: what a full restore of
 *                             "the current state of everything" would write
 * @param uniquePlaintextBytes plaintext size of the distinct blobs (data and trees) the snapshots reference
 * @param uniqueDataBytes      the data-blob part of {@code uniquePlaintextBytes}: deduplicated file content
 * @param uniqueSealedBytes    stored (compressed and encrypted) size of those same blobs
 * @param storedBytes          size of every object in the store: packs (including unreferenced ones), index files,
 *                             snapshots, key files and the config; locks are left out (they come and go)
 * @param packCount            packs in the store
 * @param blobCount            distinct blobs (data and trees) the snapshots reference
 * @param deduplicationRatio   {@code totalLogicalBytes / uniqueDataBytes}: how many times over the stored file content is
 *                             used; trees are left out so that N identical snapshots give exactly N. 1 when empty
 * @param compressionRatio     {@code uniquePlaintextBytes / uniqueSealedBytes}; slightly below 1 for incompressible data
 *                             because of the per-blob nonce and tag. 1 when empty
 */
public record RepositoryStats(int snapshotCount, long totalLogicalBytes, long latestLogicalBytes, long uniquePlaintextBytes,
        long uniqueDataBytes, long uniqueSealedBytes, long storedBytes, int packCount, long blobCount, double deduplicationRatio,
        double compressionRatio) {

    /**
     * Computes the statistics by walking every tree of every readable snapshot once. Reads snapshots and trees only (no
     * data packs) and never writes.
     *
     * @throws dev.cairn.engine.repo.CorruptDataException if a tree is damaged or a referenced blob is not in the index;
     *                                                     the message says to run {@code cairn check}
     * @throws IOException                                 on storage failures
     */
    public static RepositoryStats compute(Repository repo) throws IOException {
        return new StatsCollector(repo).collect();
    }

    static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 1.0 : (double) numerator / denominator;
    }
}
