package dev.cairn.engine.compress;

import java.util.List;

/** Registry of compressors by persisted name: {@code NONE} and {@code ZSTD-1} … {@code ZSTD-19}. */
public final class Compressors {
    public static final String DEFAULT = "ZSTD-3";
    public static final String NONE = "NONE";

    private Compressors() {
    }

    /** Names with a known-answer vector; every {@code ZSTD-n} decodes the same way, so one level stands for all. */
    public static List<String> names() {
        return List.of(NONE, DEFAULT);
    }

    public static Compressor create(String name) {
        if (NONE.equals(name)) {
            return new NoCompressor();
        }
        if (name != null && name.startsWith("ZSTD-")) {
            int level = parseLevel(name);
            return new ZstdCompressor(level);
        }
        throw new IllegalArgumentException("unknown compression '" + name + "'; known: NONE, ZSTD-1 .. ZSTD-19");
    }

    private static int parseLevel(String name) {
        try {
            int level = Integer.parseInt(name.substring(5));
            if (level >= 1 && level <= 19) {
                return level;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("unknown compression '" + name + "'; zstd levels are ZSTD-1 .. ZSTD-19");
    }
}
