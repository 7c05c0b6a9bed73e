package dev.cairn.blob;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes a caller reads and, on the first {@link #close()}, reports them once with whether any read failed.
 * Not thread-safe, like any stream.
 */
final class MeteredInputStream extends FilterInputStream {

    /** Receives the outcome of the read. */
    @FunctionalInterface
    interface Completion {
        void completed(long bytes, boolean failed);
    }

    private final Completion completion;
    private long bytes;
    private boolean failed;
    private boolean closed;

    MeteredInputStream(InputStream in, Completion completion) {
        super(in);
        this.completion = completion;
    }

    @Override
    public int read() throws IOException {
        try {
            int b = in.read();
            bytes += b >= 0 ? 1 : 0;
            return b;
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            int n = in.read(b, off, len);
            bytes += Math.max(n, 0);
            return n;
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            in.close();
        } finally {
            completion.completed(bytes, failed);
        }
    }
}
