package dev.cairn.engine.chunk;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/** Deterministic test inputs; {@link Random}'s algorithm is specified by its Javadoc, so these never change. */
final class Inputs {

    /** The fixed test secret: bytes 0x00, 0x01, ..., 0x1f. */
    static final byte[] SECRET = sequence(0);

    static final List<String> WORDS = List.of(
        "the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "backup", "chunk", "cairn", "stone",
        "repository", "snapshot", "of", "and");

    private Inputs() {}

    /** 32 bytes {@code start, start+1, ...}. */
    static byte[] sequence(int start) {
        byte[] b = new byte[32];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (start + i);
        }
        return b;
    }

    /** {@code size} bytes from {@code new Random(seed).nextBytes}. */
    static byte[] random(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /**
     * Highly repetitive ASCII text of exactly {@code size} bytes: numbered lines of six words drawn from a 16-word
     * vocabulary with {@code new Random(seed).nextInt(16)}, e.g. {@code "00000042 the fox over dog of cairn\n"}.
     */
    static byte[] text(long seed, int size) {
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder(size + 128);
        for (int line = 0; sb.length() < size; line++) {
            sb.append(String.format("%08d", line));
            for (int w = 0; w < 6; w++) {
                sb.append(' ').append(WORDS.get(random.nextInt(WORDS.size())));
            }
            sb.append('\n');
        }
        sb.setLength(size);
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
