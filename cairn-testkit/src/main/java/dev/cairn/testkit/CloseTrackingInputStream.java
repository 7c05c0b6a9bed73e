package dev.cairn.testkit;

import java.io.ByteArrayInputStream;

/** A byte-array stream that remembers whether it was closed; for checking who owns a stream. */
public final class CloseTrackingInputStream extends ByteArrayInputStream {
    private volatile boolean closed;

    public CloseTrackingInputStream(byte[] content) {
        super(content);
    }

    @Override
    public void close() {
        closed = true;
    }

    /** Whether {@link #close()} was called. */
    public boolean closed() {
        return closed;
    }
}
