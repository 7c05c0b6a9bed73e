package dev.cairn.engine.restore;

import java.util.List;

/**
 * What to restore and how. Immutable and validated once.
 *
 * <p>{@code includes} and {@code excludes} are {@code glob:} patterns ({@link java.nio.file.FileSystem#getPathMatcher}) matched
 * against snapshot paths such as {@code /home/a/docs/x.txt}. A pattern that does not start with {@code /} matches at any depth
 * (it is read as {@code **}{@code /pattern}); a trailing {@code /} is ignored. An include selects the paths it matches, everything
 * below them, and the parent directories needed to reach them; with no includes everything is selected. An exclude drops the
 * paths it matches and everything below them, and wins over includes.
 *
 * @param verify  after writing, re-read every restored file and check it against the snapshot's blob ids
 * @param workers threads that fetch blobs and write files (1 to 256)
 */
public record RestoreOptions(List<String> includes, List<String> excludes, boolean verify, int workers) {
    /**
     * Workers used by {@link #defaults()}: each streams one pack at a time, decrypting as the bytes arrive, so more than
     * the core count keeps both the network and the cores busy (4 measured best on 2 cores over loopback HTTP; each holds
     * up to two blob-sized buffers, 8 MiB).
     */
    public static final int DEFAULT_WORKERS = 4;

    /**
     * @throws IllegalArgumentException if a pattern is empty or not a valid glob, or {@code workers} is out of range
     */
    public RestoreOptions {
        includes = List.copyOf(includes);
        excludes = List.copyOf(excludes);
        if (workers < 1 || workers > 256) {
            throw new IllegalArgumentException("workers " + workers + " must be between 1 and 256");
        }
        PathFilter.of(includes, excludes);
    }

    /** Everything, no verification, {@value #DEFAULT_WORKERS} workers. */
    public static RestoreOptions defaults() {
        return new RestoreOptions(List.of(), List.of(), false, DEFAULT_WORKERS);
    }

    public RestoreOptions withIncludes(String... patterns) {
        return new RestoreOptions(List.of(patterns), excludes, verify, workers);
    }

    public RestoreOptions withExcludes(String... patterns) {
        return new RestoreOptions(includes, List.of(patterns), verify, workers);
    }

    public RestoreOptions withVerify(boolean on) {
        return new RestoreOptions(includes, excludes, on, workers);
    }

    public RestoreOptions withWorkers(int count) {
        return new RestoreOptions(includes, excludes, verify, count);
    }
}
