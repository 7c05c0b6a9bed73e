package dev.cairn.testkit;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Passes through the first {@code limit} bytes of a stream, then throws the given error on every further read. */
final class FailingInputStream extends FilterInputStream {
    private final IOException error;
    private long remaining;

    FailingInputStream(InputStream in, long limit, IOException error) {
        super(in);
        this.remaining = limit;
        this.error = error;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (remaining <= 0) {
            throw error;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n > 0) {
            remaining -= n;
        }
        return n;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
