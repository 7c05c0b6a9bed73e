package dev.cairn.engine.pack;

import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.id.BlobType;

/**
 * Where one sealed blob sits in a pack. {@code offset} and {@code length} are in bytes of the pack (sealed form);
 * {@code rawLength} is the plaintext length before compression.
 */
public record PackEntry(BlobType type, BlobId id, long offset, int length, int rawLength, boolean compressed) {
    public PackEntry {
        if (offset < 0 || length < 0 || rawLength < 0) {
            throw new IllegalArgumentException("negative offset/length in pack entry for " + id);
        }
    }
}
