package dev.cairn.engine.index;

import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.id.BlobType;

/** Where a blob is stored: pack, offset and sealed length in it, plaintext length, and whether the payload is compressed. */
public record BlobLocation(BlobId pack, BlobType type, long offset, int length, int rawLength, boolean compressed) {
}
