package dev.cairn.engine.compress;

/**
 * A cheap test, run before compressing a blob, for data that will not shrink (already compressed or encrypted: media,
 * archives, random bytes), so that compressing it is not even tried (ADR 40). It estimates the order-0 entropy of
 * {@value #SAMPLES} samples of {@value #SAMPLE} bytes spread evenly over the blob; the blob counts as incompressible only if
 * every sample is above {@value #THRESHOLD_BITS} bits per byte. Text, code, logs, databases and executables stay far below
 * (3–6.5 bits); one compressible sample is enough for the blob to be compressed as before, and a compressible stretch
 * longer than {@code len / 15 + 1 KiB} always holds a sample. What the test cannot see: shorter compressible stretches
 * between samples (at most that much of the blob's savings is lost), and redundancy made only of repeats of random bytes
 * inside one blob (the sample histograms look random). Such a blob is stored uncompressed, which readers handle as any
 * incompressible blob (the flag says so).
 *
 * <p>Costs about {@code SAMPLES × SAMPLE} byte reads per blob, nothing for blobs below {@value #MIN_LENGTH} bytes (those are
 * always tried). Stateless and thread-safe.
 */
public final class Incompressible {
    /** Blobs shorter than this are always compressed (the test would cost as much as it saves). */
    public static final int MIN_LENGTH = 64 << 10;
    static final int SAMPLES = 16;
    static final int SAMPLE = 1024;
    /**
     * Uniform random bytes give about 7.82 bits per byte on a 1 KiB sample (the estimate is biased low by about 0.18 bit);
     * JPEG, zip and zstd output about 7.7–7.8; text, code and most binary formats stay below 6.5.
     */
    static final double THRESHOLD_BITS = 7.5;
    /** {@code n · log2(n)} for every count a sample can have, so a sample costs one table lookup per distinct byte value. */
    private static final double[] N_LOG_N = table();

    private Incompressible() {
    }

    /** Whether {@code data[off, off+len)} should be stored without trying to compress it. */
    public static boolean likely(byte[] data, int off, int len) {
        if (len < MIN_LENGTH) {
            return false;
        }
        int[] counts = new int[256];
        long stride = (long) (len - SAMPLE) / (SAMPLES - 1);
        for (int s = 0; s < SAMPLES; s++) {
            int from = off + (int) (s * stride);
            java.util.Arrays.fill(counts, 0);
            for (int i = from; i < from + SAMPLE; i++) {
                counts[data[i] & 0xff]++;
            }
            if (bitsPerByte(counts, SAMPLE) < THRESHOLD_BITS) {
                return false;
            }
        }
        return true;
    }

    /** Order-0 entropy of a histogram of {@code n} bytes: {@code log2(n) - Σ c·log2(c) / n}. */
    static double bitsPerByte(int[] counts, int n) {
        double sum = 0;
        for (int c : counts) {
            sum += N_LOG_N[c];
        }
        return N_LOG_N[n] / n - sum / n;
    }

    private static double[] table() {
        double[] t = new double[SAMPLE + 1];
        for (int c = 1; c <= SAMPLE; c++) {
            t[c] = c * (Math.log(c) / Math.log(2));
        }
        return t;
    }
}
