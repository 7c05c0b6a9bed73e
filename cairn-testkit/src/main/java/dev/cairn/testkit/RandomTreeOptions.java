package dev.cairn.testkit;

import java.util.EnumSet;
import java.util.Set;

/**
 * What {@link TestTree#random(long, RandomTreeOptions)} generates. Immutable; start from {@link #defaults()} and adjust
 * with the {@code with…} methods, e.g. {@code defaults().withLargeFiles(1, 4L << 30)} for a 4 GiB sparse file.
 *
 * @param files             ordinary files (0 to {@code maxSmallFileSize} bytes) spread over the directories
 * @param directories       ordinary directories, nested at random
 * @param maxSmallFileSize  upper size bound of ordinary files
 * @param mediumFiles       files between 64 KiB and {@code maxMediumFileSize}
 * @param maxMediumFileSize upper size bound of medium files, at least 64 KiB
 * @param largeFiles        sparse files of exactly {@code largeFileSize} bytes: mostly holes, with random regions at
 *                          the start, the end and in between (cheap to write even at several GiB)
 * @param largeFileSize     size of each large file
 * @param deepNesting       depth of a chain of nested directories with a file at the bottom (0 for none)
 * @param features          the special cases to include
 */
public record RandomTreeOptions(int files, int directories, int maxSmallFileSize, int mediumFiles, int maxMediumFileSize,
                                int largeFiles, long largeFileSize, int deepNesting, Set<Feature> features) {
    static final int MEDIUM_MIN = 64 * 1024;

    /** Special cases a random tree can include. */
    public enum Feature {
        /** A few zero-length files. */
        EMPTY_FILES,
        /** Empty directories, nested empty directories, and a private empty directory. */
        EMPTY_DIRECTORIES,
        /** NFC and NFD spellings of one name (in sibling directories), emoji, CJK, Cyrillic, Arabic. */
        UNICODE_NAMES,
        /** Names of exactly 255 bytes, in ASCII, in 3-byte and in 4-byte UTF-8 characters. */
        LONG_NAMES,
        /** Spaces at either end, quotes, backslash, tab, newline, a leading dash. */
        ODD_ASCII_NAMES,
        /**
         * Relative, up-and-over, absolute (dangling), dangling, self-referencing, link-to-link and directory links. No link
         * points at an existing path outside the tree, so nothing outside is touched if a tool follows links.
         */
        SYMLINKS,
        /** Different permissions on files and directories (the owner can always read, and enter directories). */
        VARIED_PERMISSIONS,
        /** Random mtimes between 1995 and 2035 with sub-millisecond digits; otherwise all are {@link TestTree#DEFAULT_MTIME}. */
        VARIED_MTIMES
    }

    public RandomTreeOptions {
        if (files < 0 || directories < 0 || maxSmallFileSize < 0 || mediumFiles < 0 || largeFiles < 0
                || largeFileSize < 0 || deepNesting < 0) {
            throw new IllegalArgumentException("counts and sizes must be >= 0");
        }
        if (maxMediumFileSize < MEDIUM_MIN) {
            throw new IllegalArgumentException("maxMediumFileSize " + maxMediumFileSize + " must be >= " + MEDIUM_MIN);
        }
        features = features.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(features));
    }

    /** A few hundred entries, everything enabled, two 32 MiB sparse files, nesting depth 24: a few MiB on disk. */
    public static RandomTreeOptions defaults() {
        return new RandomTreeOptions(120, 15, 4096, 4, 1024 * 1024, 2, 32L * 1024 * 1024, 24,
                EnumSet.allOf(Feature.class));
    }

    /** With {@code count} ordinary files in {@code dirs} directories. */
    public RandomTreeOptions withFiles(int count, int dirs) {
        return new RandomTreeOptions(count, dirs, maxSmallFileSize, mediumFiles, maxMediumFileSize, largeFiles,
                largeFileSize, deepNesting, features);
    }

    /** With {@code count} medium files of up to {@code maxSize} bytes. */
    public RandomTreeOptions withMediumFiles(int count, int maxSize) {
        return new RandomTreeOptions(files, directories, maxSmallFileSize, count, maxSize, largeFiles, largeFileSize,
                deepNesting, features);
    }

    /** With {@code count} large sparse files of {@code size} bytes each. */
    public RandomTreeOptions withLargeFiles(int count, long size) {
        return new RandomTreeOptions(files, directories, maxSmallFileSize, mediumFiles, maxMediumFileSize, count, size,
                deepNesting, features);
    }

    /** With a nested chain {@code depth} directories deep (0 for none). */
    public RandomTreeOptions withDeepNesting(int depth) {
        return new RandomTreeOptions(files, directories, maxSmallFileSize, mediumFiles, maxMediumFileSize, largeFiles,
                largeFileSize, depth, features);
    }

    /** Without the given special cases. */
    public RandomTreeOptions without(Feature... excluded) {
        EnumSet<Feature> kept = features.isEmpty() ? EnumSet.noneOf(Feature.class) : EnumSet.copyOf(features);
        kept.removeAll(Set.of(excluded));
        return new RandomTreeOptions(files, directories, maxSmallFileSize, mediumFiles, maxMediumFileSize, largeFiles,
                largeFileSize, deepNesting, kept);
    }

    /** Whether {@code feature} is enabled. */
    public boolean has(Feature feature) {
        return features.contains(feature);
    }
}
