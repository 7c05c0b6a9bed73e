package dev.cairn.engine.crypto;

/**
 * Argon2id cost parameters, stored in each key file. {@code memoryKiB} in KiB.
 * {@link #DEFAULT} is m=64 MiB, t=3, p=1 (about 0.2 s here); {@link #TEST} is for tests and fixtures only.
 */
public record KdfParams(@com.fasterxml.jackson.annotation.JsonProperty("memory_kib") int memoryKiB, int iterations, int parallelism) {
    public static final KdfParams DEFAULT = new KdfParams(64 * 1024, 3, 1);
    public static final KdfParams TEST = new KdfParams(64, 1, 1);

    public KdfParams {
        if (memoryKiB < 8 || iterations < 1 || parallelism < 1 || parallelism > 16 || memoryKiB > 4 * 1024 * 1024) {
            throw new IllegalArgumentException("invalid Argon2id parameters m=" + memoryKiB + " KiB, t=" + iterations
                    + ", p=" + parallelism + " (need 8 KiB <= m <= 4 GiB, t >= 1, 1 <= p <= 16)");
        }
    }
}
