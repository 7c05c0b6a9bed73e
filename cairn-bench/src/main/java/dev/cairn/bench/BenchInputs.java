package dev.cairn.bench;

import java.util.Random;

/**
 * Deterministic benchmark inputs, so that runs on different days and machines measure the same bytes.
 * {@link Random}'s algorithm is fixed by its specification, so a seed always yields the same bytes.
 */
public final class BenchInputs {

    private BenchInputs() {}

    /** {@code size} pseudo-random bytes from {@code new Random(seed).nextBytes}. */
    public static byte[] random(long seed, int size) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    /** A fixed, non-secret 32-byte chunker secret ({@code 0x00..0x1f}) for benchmarks. */
    public static byte[] secret() {
        byte[] secret = new byte[32];
        for (int i = 0; i < secret.length; i++) {
            secret[i] = (byte) i;
        }
        return secret;
    }
}
