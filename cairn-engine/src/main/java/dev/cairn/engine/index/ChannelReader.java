package dev.cairn.engine.index;

import java.io.EOFException;
import java.io.IOException;
import java.util.zip.Checksum;

/**
 * Reads a byte range of a file sequentially through one heap buffer, by positional reads (so several readers may share the
 * file), optionally feeding every byte read to a checksum. Not thread-safe.
 */
final class ChannelReader {
    private final Positional file;
    private final long end;
    private final Checksum checksum;
    private final byte[] buffer;
    private int at;
    private int limit;
    private long position;

    /** Reads {@code [start, end)} of {@code file} with a buffer of {@code bufferSize} bytes; {@code checksum} may be null. */
    ChannelReader(Positional file, long start, long end, int bufferSize, Checksum checksum) {
        this.file = file;
        this.position = start;
        this.end = end;
        this.checksum = checksum;
        this.buffer = new byte[(int) Math.max(1, Math.min(bufferSize, end - start))];
    }

    /**
     * Reads exactly {@code len} bytes into {@code dst[off]}.
     *
     * @throws EOFException if the range ends first (a truncated file)
     */
    void readFully(byte[] dst, int off, int len) throws IOException {
        while (len > 0) {
            if (at == limit) {
                fill();
            }
            int n = Math.min(len, limit - at);
            System.arraycopy(buffer, at, dst, off, n);
            at += n;
            off += n;
            len -= n;
        }
    }

    private void fill() throws IOException {
        if (position >= end) {
            throw new EOFException("unexpected end of the index run");
        }
        limit = (int) Math.min(buffer.length, end - position);
        file.readFully(position, buffer, 0, limit);
        at = 0;
        position += limit;
        if (checksum != null) {
            checksum.update(buffer, 0, limit);
        }
    }
}
