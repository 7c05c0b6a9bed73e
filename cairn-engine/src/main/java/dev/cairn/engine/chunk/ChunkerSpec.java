package dev.cairn.engine.chunk;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named, parameterised content-defined chunker. The {@link #name()} is what a repository config persists; the sizes
 * are fixed by that name forever (a different parameter set gets a new name), so two clients with the same name and
 * secret cut identical chunks.
 *
 * <p>Sizes are in bytes. The algorithm is keyed FastCDC with normalized chunking, specified in
 * {@code docs/spec/chunker.md}: a chunk is at least {@code minSize} (except a stream's final chunk) and at most
 * {@code maxSize} bytes; before {@code avgSize} the cut condition tests {@code log2(avgSize) + normalizationLevel} hash
 * bits, from {@code avgSize} on it tests {@code log2(avgSize) - normalizationLevel} bits.
 *
 * <p>Validated on construction; immutable and thread-safe.
 *
 * @param name               stable identifier, upper-case ASCII letters, digits and '-', e.g. {@code "FASTCDC-1M"}
 * @param minSize            smallest non-final chunk, bytes; at least {@value #MIN_MIN_SIZE} (the hash window)
 * @param avgSize            normalization point, bytes; a power of two with {@code minSize < avgSize < maxSize}
 * @param maxSize            largest chunk, bytes
 * @param normalizationLevel 0..3; how many mask bits are added before and removed after {@code avgSize}
 */
public record ChunkerSpec(String name, int minSize, int avgSize, int maxSize, int normalizationLevel) {

    // Before FASTCDC_1M: static initialisers run in order and its constructor needs the pattern.
    private static final Pattern NAME = Pattern.compile("[A-Z0-9][A-Z0-9-]{0,31}");

    /** The smallest allowed {@link #minSize()}: the gear hash window, so every tested hash sees a full window. */
    public static final int MIN_MIN_SIZE = 64;

    /**
     * {@code "FASTCDC-1M"}: min 256 KiB, avg 1 MiB, max 4 MiB, normalization level 2 (22 mask bits before 1 MiB, 18
     * after). Level 2 is the FastCDC papers' recommended trade-off: most chunks land near the average without giving up
     * deduplication; on random data the mean chunk is about 1.2 MiB.
     */
    public static final ChunkerSpec FASTCDC_1M = new ChunkerSpec("FASTCDC-1M", 256 << 10, 1 << 20, 4 << 20, 2);

    /** Validates the parameters; see the class description for the rules. */
    public ChunkerSpec {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("chunker name '" + name
                    + "' must be 1-32 characters of A-Z, 0-9 and '-', starting with a letter or digit");
        }
        if (minSize < MIN_MIN_SIZE) {
            throw new IllegalArgumentException("chunker min size " + minSize + " must be >= " + MIN_MIN_SIZE);
        }
        if (Integer.bitCount(avgSize) != 1 || avgSize <= minSize || avgSize >= maxSize) {
            throw new IllegalArgumentException("chunker avg size " + avgSize
                    + " must be a power of two with min " + minSize + " < avg < max " + maxSize);
        }
        if (normalizationLevel < 0 || normalizationLevel > 3) {
            throw new IllegalArgumentException("chunker normalization level " + normalizationLevel + " must be 0..3");
        }
        int bits = Integer.numberOfTrailingZeros(avgSize);
        if (!FastCdcMasks.supports(bits - normalizationLevel) || !FastCdcMasks.supports(bits + normalizationLevel)) {
            throw new IllegalArgumentException("chunker avg size " + avgSize + " with normalization level "
                    + normalizationLevel + " needs mask widths " + FastCdcMasks.MIN_BITS + ".." + FastCdcMasks.MAX_BITS);
        }
    }

    /** {@code log2(avgSize)}. */
    int avgBits() {
        return Integer.numberOfTrailingZeros(avgSize);
    }
}
