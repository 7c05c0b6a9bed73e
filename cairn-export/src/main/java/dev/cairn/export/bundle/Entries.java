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

    /** Records how many rows the file {@code path}, already written, holds (for the manifest). */
    void rows(String path, long rows);
}
