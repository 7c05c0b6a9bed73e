package dev.cairn.engine.index;

import java.io.EOFException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/**
 * Positional reads of one file through a few {@link RandomAccessFile} handles, each used under its own lock. Unlike a
 * {@link java.nio.channels.FileChannel}, a handle is not closed when a reading thread is interrupted (backup and restore
 * interrupt their workers when they stop), so one interrupted lookup cannot break the index for every other thread.
 * Thread-safe.
 */
final class Positional implements AutoCloseable {
    private static final int HANDLES = 4;
    private final RandomAccessFile[] handles = new RandomAccessFile[HANDLES];

    Positional(Path file) throws IOException {
        try {
            for (int i = 0; i < HANDLES; i++) {
                handles[i] = new RandomAccessFile(file.toFile(), "r");
            }
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    long size() throws IOException {
        RandomAccessFile h = handles[0];
        synchronized (h) {
            return h.length();
        }
    }

    /**
     * Reads exactly {@code len} bytes at {@code position} into {@code dst[off]}.
     *
     * @throws EOFException if the file is shorter
     */
    void readFully(long position, byte[] dst, int off, int len) throws IOException {
        RandomAccessFile h = handles[(int) (Thread.currentThread().threadId() & (HANDLES - 1))];
        synchronized (h) {
            h.seek(position);
            h.readFully(dst, off, len);
        }
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (RandomAccessFile h : handles) {
            try {
                if (h != null) {
                    h.close();
                }
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
