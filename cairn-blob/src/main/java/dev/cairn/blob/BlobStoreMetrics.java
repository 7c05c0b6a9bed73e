package dev.cairn.blob;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of the traffic counted by a {@link MeteringBlobStore}: per operation, the completed requests, how many of
 * them failed, and the bytes moved. Immutable.
 *
 * @param operations one entry for every {@link BlobOp}
 */
public record BlobStoreMetrics(Map<BlobOp, OpMetrics> operations) {

    /**
     * Counts for one operation.
     *
     * @param requests completed requests, failed ones included
     * @param failures requests that ended with an exception
     * @param bytes    bytes moved: content of successful puts, bytes the caller read from gets, zero otherwise
     */
    public record OpMetrics(long requests, long failures, long bytes) {
        public static final OpMetrics NONE = new OpMetrics(0, 0, 0);
    }

    public BlobStoreMetrics {
        EnumMap<BlobOp, OpMetrics> all = new EnumMap<>(BlobOp.class);
        for (BlobOp op : BlobOp.values()) {
            all.put(op, Objects.requireNonNullElse(operations.get(op), OpMetrics.NONE));
        }
        operations = Map.copyOf(all);
    }

    /** The counts for {@code op}. */
    public OpMetrics of(BlobOp op) {
        return operations.get(op);
    }

    /** Completed requests of {@code op}. */
    public long requests(BlobOp op) {
        return of(op).requests();
    }

    /** Failed requests of {@code op}. */
    public long failures(BlobOp op) {
        return of(op).failures();
    }

    /** Bytes stored by successful puts. */
    public long bytesWritten() {
        return of(BlobOp.PUT).bytes();
    }

    /** Bytes read by callers from gets. */
    public long bytesRead() {
        return of(BlobOp.GET).bytes();
    }
}
