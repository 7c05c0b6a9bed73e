package dev.cairn.export.bundle;

import java.io.IOException;
import java.io.OutputStream;

/** Where a format writes the files of a bundle, one after the other. */
public interface Entries {
    /**
     * Starts file {@code path} (relative, {@code /}-separated) of the bundle; it ends when the stream is closed, which
     * must happen before the next {@code open}. Closing never closes the bundle.
     */
    OutputStream open(String path) throws IOException;

    /**
     * As {@link #open}, for bytes a compressor cannot shrink much (attached files: PDFs, images, office files are
     * compressed already): written without compression (deflate's stored blocks), so the server's CPU goes to the
     * encryption instead. The default compresses as {@link #open} does.
     */
    default OutputStream openUncompressed(String path) throws IOException {
        return open(path);
    }

    /** Records how many rows the file {@code path}, already written, holds (for the manifest). */
    void rows(String path, long rows);
}
