package dev.cairn.blob;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * Put content that is a region of an open file (a pack built in a temporary file): a {@link LocalBlobStore} copies it file
 * to file inside the kernel ({@link FileChannel#transferTo}, {@code copy_file_range} on Linux) instead of through heap
 * buffers. Implemented by the content {@link java.io.InputStream} itself; stores that do not know it read the stream.
 */
public interface FileRegionContent {
    /**
     * Copies this content's next {@code length} bytes to {@code target} at its position (advancing both).
     *
     * @throws java.io.EOFException if fewer than {@code length} bytes remain
     * @throws IOException          if reading or writing fails
     */
    void copyTo(FileChannel target, long length) throws IOException;
}
