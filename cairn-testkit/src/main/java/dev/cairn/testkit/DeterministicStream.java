package dev.cairn.testkit;

import java.io.InputStream;

/**
 * The stream behind {@link DeterministicRandom#stream}: generated as read, so any length costs no memory. Supports
 * mark/reset (reset regenerates from the seed up to the mark). Not thread-safe.
 */
final class DeterministicStream extends InputStream {
    private final long seed;
    private final long length;
    private DeterministicRandom random;
    private long position;
    private long mark;

    DeterministicStream(long seed, long length) {
        if (length < 0) {
            throw new IllegalArgumentException("length " + length + " must be >= 0");
        }
        this.seed = seed;
        this.length = length;
        this.random = new DeterministicRandom(seed);
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (position >= length) {
            return -1;
        }
        int n = (int) Math.min(len, length - position);
        random.nextBytes(b, off, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, length - position);
    }

    @Override
    public boolean markSupported() {
        return true;
    }

    @Override
    public void mark(int readlimit) {
        mark = position;
    }

    @Override
    public void reset() {
        random = new DeterministicRandom(seed);
        position = 0;
        byte[] scratch = new byte[8192];
        while (position < mark) {
            read(scratch, 0, (int) Math.min(scratch.length, mark - position));
        }
    }
}
