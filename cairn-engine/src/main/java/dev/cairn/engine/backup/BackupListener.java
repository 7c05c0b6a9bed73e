package dev.cairn.engine.backup;

/**
 * Progress and per-item events out of a backup. Called from several threads; implementations must be thread-safe and
 * fast. Every method has a no-op default. The engine never prints: the CLI renders these.
 */
public interface BackupListener {
    BackupListener NONE = new BackupListener() {
    };

    /** A file was processed; {@code state} says whether its content was new, changed, or reused from the parent. */
    default void fileDone(String path, long size, FileState state) {
    }

    /** A directory was finished. */
    default void dirDone(String path) {
    }

    /** An item could not be read and was left out of the snapshot (the backup goes on; the snapshot is partial). */
    default void error(String path, Exception e) {
    }

    /** Plaintext bytes read from files so far; called as reading proceeds. */
    default void bytesRead(long delta) {
    }

    /** The repository is locked by {@code holder} (a prune); the backup waits for it up to {@code retryFor}. Called once. */
    default void lockWaiting(String holder, java.time.Duration retryFor) {
    }

    /** A conflicting lock was removed because its holder, a process of this host, no longer runs (spec §Locks). */
    default void deadLockRemoved(String holder) {
    }

    /** Packs an interrupted backup stored but no index listed are reused (spec §Resume); called once, only if any. */
    default void resumed(int packs) {
    }

    /**
     * Whether {@link #scanned} is of use to this listener now (a progress display or status events); only then does the
     * archiver run its pre-scan, a second walk that stats every file of the backup (restic's {@code --no-scan} skips it).
     * The backup itself is the same either way. False by default, as {@link #scanned} ignores the totals by default.
     */
    default boolean wantsTotals() {
        return false;
    }

    /**
     * The concurrent pre-scan found {@code files} regular files of {@code bytes} so far (or in total, when {@code done}).
     * Called from the scanner's thread; may come after the backup finished reading (then it is of no use).
     */
    default void scanned(long files, long bytes, boolean done) {
    }

    /** The backup entered a final step that reads no files ({@link Phase}); the display should say so. */
    default void phase(Phase phase) {
    }

    /** The steps after all files are read. */
    enum Phase { SAVING_INDEX, WRITING_SNAPSHOT }

    /** How a file's content was obtained. */
    enum FileState { NEW, CHANGED, UNMODIFIED }
}
