package dev.cairn.engine.check;

/**
 * Receives findings as the check produces them, so a long check shows problems early. Called from the thread that runs
 * {@link Checker#run()}, one call at a time; implementations must not throw.
 */
@FunctionalInterface
public interface CheckListener {
    /** Ignores everything; the findings are still in the {@link CheckResult}. */
    CheckListener NONE = finding -> { };

    /** One finding, in the order the check found it. */
    void finding(Finding finding);

    /**
     * Progress of the current phase: {@code "index"} (index files), {@code "snapshots"}, {@code "trees"} (snapshots
     * walked), {@code "packs"} (headers) or {@code "read data"} (packs read whole); {@code done} counts from 0 towards
     * {@code total}. The default ignores it.
     */
    default void progress(String phase, long done, long total) {
    }
}
