package dev.cairn.engine.pack;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * Where a pack's bytes go while it is built: appended once, then read back (possibly several times) for the upload.
 * Closing releases the storage. Not thread-safe; owned by one {@link PackWriter}.
 */
interface PackOutput extends Closeable {
    void write(byte[] bytes, int off, int len) throws IOException;

    /** The first {@code length} bytes written, as a stream that supports mark/reset (so a retrying store can re-send it). */
    InputStream read(long length) throws IOException;

    /**
     * The local store's staged object holding every byte written so far (gathered bytes are written out first), to be
     * published in place, or null if the bytes are elsewhere (memory, a file of their own): then upload {@link #read}.
     */
    default dev.cairn.blob.StagedBlob staged() throws IOException {
        return null;
    }
}
