package dev.cairn.testkit;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** XORs chosen bytes of a stream that starts at object offset {@code start}; the rest passes through unchanged. */
final class CorruptingInputStream extends FilterInputStream {
    private final Map<Long, Integer> masks;
    private long position;

    CorruptingInputStream(InputStream in, long start, Map<Long, Integer> masksByOffset) {
        super(in);
        this.position = start;
        this.masks = masksByOffset;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        for (Map.Entry<Long, Integer> flip : masks.entrySet()) {
            long at = flip.getKey() - position;
            if (at >= 0 && at < n) {
                b[off + (int) at] ^= flip.getValue().byteValue();
            }
        }
        position += Math.max(n, 0);
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = in.skip(n);
        position += skipped;
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
