package dev.cairn.blob;

import java.io.EOFException;

/** Argument checks shared by the stores, so every store words range and length errors the same way. */
final class Ranges {
    private Ranges() {
    }

    /** Rejects a negative put length. */
    static void checkLength(long length) {
        if (length < 0) {
            throw new IllegalArgumentException("length " + length + " must be >= 0");
        }
    }

    /** Rejects a negative range. */
    static void checkRange(long offset, long length) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("range offset " + offset + " and length " + length + " must be >= 0");
        }
    }

    /** Fails if {@code [offset, offset + length)} does not lie within an object of {@code size} bytes. */
    static void checkWithin(BlobName name, long offset, long length, long size) throws EOFException {
        if (offset > size || length > size - offset) {
            throw new EOFException(name + ": range of " + length + " bytes at offset " + offset
                    + " ends past the end of the object (" + size + " bytes)");
        }
    }

    /** The error for a put whose content stream ended before {@code length} bytes. */
    static EOFException shortContent(BlobName name, long read, long length) {
        return new EOFException("content for " + name + " ended after " + read + " of " + length
                + " bytes; nothing was stored");
    }
}
