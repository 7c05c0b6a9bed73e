package dev.cairn.blob;

import java.time.Instant;
import java.util.Objects;

/**
 * What a store knows about one stored object: its name, its size in bytes and when the store received it.
 *
 * <p>{@code storedAt} is the store's own record of the object's arrival (a local file's modification time, set when the
 * store moved the finished upload into place; S3's {@code LastModified}; the cairn server's arrival time). It is never
 * taken from the writer's claims, so it can be compared with times the writer wrote into the object. It is
 * {@code null} when the store does not know it.
 */
public record BlobInfo(BlobName name, long size, Instant storedAt) {
    public BlobInfo {
        Objects.requireNonNull(name, "name");
        if (size < 0) {
            throw new IllegalArgumentException("size " + size + " must be >= 0");
        }
    }

    /** An object whose arrival time the store does not know. */
    public BlobInfo(BlobName name, long size) {
        this(name, size, null);
    }

    /** The same name and size without the arrival time, for comparing what two stores hold. */
    public BlobInfo withoutStoredAt() {
        return storedAt == null ? this : new BlobInfo(name, size);
    }
}
