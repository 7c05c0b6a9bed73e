package dev.cairn.blob;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Charges every byte read to a {@link RateLimiter}, in slices of at most 64 KiB so pacing stays smooth. Mark and reset
 * are passed through, so a retrying store below can replay the content (replayed bytes are charged again: they are sent
 * again). Skipped bytes are not charged. Closing closes the underlying stream.
 */
final class ThrottledInputStream extends FilterInputStream {
    private static final int SLICE = 64 * 1024;

    private final RateLimiter limiter;

    ThrottledInputStream(InputStream in, RateLimiter limiter) {
        super(in);
        this.limiter = limiter;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            limiter.acquire(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, Math.min(len, SLICE));
        if (n > 0) {
            limiter.acquire(n);
        }
        return n;
    }
}
