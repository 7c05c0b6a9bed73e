package dev.cairn.testkit;

import java.io.InputStream;

/**
 * Seeded pseudo-random data that is the same on every JDK and every run: a SplitMix64 generator written out here, so
 * golden values derived from it never change with a JDK update. Not for cryptography.
 *
 * <p>An instance is not thread-safe; the static helpers are. For the same seed, {@link #bytes(long, int)},
 * {@link #stream(long, long)} and {@link #nextBytes(byte[], int, int)} yield the same byte sequence.
 */
public final class DeterministicRandom {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private long state;
    private long pending;
    private int pendingBytes;

    /** A generator starting at {@code seed}. */
    public DeterministicRandom(long seed) {
        this.state = seed;
    }

    /** {@code n} bytes from {@code seed}. */
    public static byte[] bytes(long seed, int n) {
        byte[] out = new byte[n];
        new DeterministicRandom(seed).nextBytes(out, 0, n);
        return out;
    }

    /** A stream of {@code length} bytes from {@code seed}, generated as read (for large content without the memory). */
    public static InputStream stream(long seed, long length) {
        return new DeterministicStream(seed, length);
    }

    /** The next 64 random bits. */
    public long nextLong() {
        state += GOLDEN_GAMMA;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A uniform value in {@code [0, bound)}; {@code bound} must be positive. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound " + bound + " must be > 0");
        }
        return (int) Math.floorMod(nextLong(), (long) bound);
    }

    /** A uniform value in {@code [0, bound)}; {@code bound} must be positive. */
    public long nextLong(long bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound " + bound + " must be > 0");
        }
        return Math.floorMod(nextLong(), bound);
    }

    /** True with probability {@code p}. */
    public boolean chance(double p) {
        return (nextLong() >>> 11) * 0x1.0p-53 < p;
    }

    /** One element of {@code choices}, uniformly. */
    @SafeVarargs
    public final <T> T pick(T... choices) {
        return choices[nextInt(choices.length)];
    }

    /** Fills {@code out[off, off + len)}; the bytes continue the sequence of earlier calls, byte by byte. */
    public void nextBytes(byte[] out, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (pendingBytes == 0) {
                pending = nextLong();
                pendingBytes = Long.BYTES;
            }
            out[i] = (byte) pending;
            pending >>>= 8;
            pendingBytes--;
        }
    }
}
