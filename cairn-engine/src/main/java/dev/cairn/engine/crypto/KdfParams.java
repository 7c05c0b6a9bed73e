package dev.cairn.engine.crypto;

/**
 * Argon2id cost parameters, stored in each key file. {@code memoryKiB} in KiB.
 * {@link #DEFAULT} is m=64 MiB, t=3, p=4, RFC 9106's second recommended option (ADR 69): four lanes over the same 64 MiB,
 * which the reference library fills on four threads (about 0.11 s on two cores here, 0.17 s with one lane; the pure-Java
 * fallback fills them one after another). Existing key files keep the parameters they were written with. {@link #TEST}
 * is for tests and fixtures only.
 */
public record KdfParams(@com.fasterxml.jackson.annotation.JsonProperty("memory_kib") int memoryKiB, int iterations, int parallelism) {
    public static final KdfParams DEFAULT = new KdfParams(64 * 1024, 3, 4);
    public static final KdfParams TEST = new KdfParams(64, 1, 1);

    public KdfParams {
        if (memoryKiB < 8 || iterations < 1 || parallelism < 1 || parallelism > 16 || memoryKiB > 4 * 1024 * 1024) {
            throw new IllegalArgumentException("invalid Argon2id parameters m=" + memoryKiB + " KiB, t=" + iterations
                    + ", p=" + parallelism + " (need 8 KiB <= m <= 4 GiB, t >= 1, 1 <= p <= 16)");
        }
    }
}
