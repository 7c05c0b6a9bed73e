package dev.cairn.engine.restore;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The counters of one restore and the gate to its listener: every listener call goes through here, under one lock, so the
 * listener sees them one at a time. Thread-safe.
 */
final class Tally {
    private final RestoreListener listener;
    private final AtomicLong files = new AtomicLong();
    private final AtomicLong dirs = new AtomicLong();
    private final AtomicLong symlinks = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong verified = new AtomicLong();

    Tally(RestoreListener listener) {
        this.listener = listener;
    }

    /** Announces how many files and bytes the restore selects. */
    void start(long totalFiles, long totalBytes) {
        synchronized (this) {
            listener.start(totalFiles, totalBytes);
        }
    }

    void fileRestored(String snapshotPath, long size) {
        files.incrementAndGet();
        bytes.addAndGet(size);
        synchronized (this) {
            listener.fileRestored(snapshotPath, size);
        }
    }

    void dirRestored() {
        dirs.incrementAndGet();
    }

    void symlinkRestored() {
        symlinks.incrementAndGet();
    }

    void verified() {
        verified.incrementAndGet();
    }

    void error(String snapshotPath, Exception e) {
        errors.incrementAndGet();
        synchronized (this) {
            listener.error(snapshotPath, e);
        }
    }

    RestoreResult result() {
        return new RestoreResult(files.get(), dirs.get(), symlinks.get(), bytes.get(), errors.get(), verified.get());
    }
}
