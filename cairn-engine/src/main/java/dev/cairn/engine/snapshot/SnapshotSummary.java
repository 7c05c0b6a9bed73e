package dev.cairn.engine.snapshot;

/**
 * What a backup did, stored in its snapshot. Byte counts are plaintext bytes unless named {@code packed}; {@code errors}
 * counts items that could not be read and were left out (the snapshot is then marked partial).
 */
public record SnapshotSummary(long filesNew, long filesChanged, long filesUnmodified, long dirs, long totalFiles, long totalBytes,
        long dataBlobsAdded, long dataAdded, long dataAddedPacked, long errors, double durationSeconds) {
}
