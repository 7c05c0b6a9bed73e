package dev.cairn.engine.format;

import java.util.Objects;

/**
 * The repository configuration (spec §Config): format version and every algorithm by its persisted name. Immutable; sealed
 * with the master key, so it can only be read by key holders and cannot be altered undetected.
 *
 * @param version        repository format version: {@link #CURRENT_VERSION} for new repositories; {@link #FIRST_VERSION}
 *                       repositories open and work too (their directories are never split into tree parts)
 * @param id             random repository id (64 hex digits)
 * @param chunker        chunker name, e.g. {@code FASTCDC-1M}
 * @param chunkerSecret  32-byte secret (base64 in JSON) that keys the chunker's gear table
 * @param idHash         blob id algorithm, {@code HMAC-SHA256}
 * @param aead           sealing algorithm, {@code AES256-GCM}
 * @param compression    blob compression, e.g. {@code ZSTD-3} or {@code NONE}
 * @param packSize       target pack size in bytes (16–64 MiB outside tests)
 */
public record RepoConfig(int version, String id, String chunker, byte[] chunkerSecret, String idHash, String aead,
        String compression, long packSize) {
    /**
     * Format version 3: data blobs may be compressed with a zstd dictionary stored in the repository (spec §Dictionaries);
     * version 2: tree blobs may list parts of a large directory (spec §Trees, §Changes).
     */
    public static final int CURRENT_VERSION = 3;
    /** The first format: every directory is one tree blob. */
    public static final int FIRST_VERSION = 1;
    public static final long DEFAULT_PACK_SIZE = 16L << 20;

    /** Whether trees of this repository may be split into parts (format version 2 and later). */
    public boolean splitTrees() {
        return version >= 2;
    }

    /** Whether writers may compress data blobs with a zstd dictionary (format version 3 and later). */
    public boolean dictionaries() {
        return version >= 3;
    }

    public RepoConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(chunker, "chunker");
        Objects.requireNonNull(chunkerSecret, "chunker_secret");
        Objects.requireNonNull(idHash, "id_hash");
        Objects.requireNonNull(aead, "aead");
        Objects.requireNonNull(compression, "compression");
        if (packSize < 4096 || packSize > (1L << 30)) {
            throw new IllegalArgumentException("pack size " + packSize + " must be between 4 KiB and 1 GiB");
        }
    }
}
