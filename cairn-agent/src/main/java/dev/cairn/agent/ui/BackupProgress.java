package dev.cairn.agent.ui;

import dev.cairn.engine.backup.BackupListener;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Renders a running backup: a progress bar of bytes read (with files and errors) on a terminal, JSON {@code status} events
 * in JSON mode, and every unreadable item as {@code error: PATH: reason} on stderr. Thread-safe: the archiver calls it
 * from its reader threads. {@link #close()} stops the display and, in JSON mode, prints a final status event.
 */
public final class BackupProgress implements BackupListener, AutoCloseable {
    private final Output output;
    private final AtomicLong files = new AtomicLong();
    private final AtomicLong dirs = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    /** The pre-scan's totals; -1 until it reported. */
    private final AtomicLong totalFiles = new AtomicLong(-1);
    private final AtomicLong totalBytes = new AtomicLong(-1);
    private volatile boolean scanDone;
    private volatile String phase;
    private final long startNanos = System.nanoTime();
    private final ProgressDisplay display;
    private final StatusTicker ticker;

    public BackupProgress(Output output) {
        this.output = output;
        this.display = ProgressDisplay.create(output, "backup", -1);
        this.ticker = StatusTicker.start(output, this::status);
    }

    @Override
    public void fileDone(String path, long size, FileState state) {
        files.incrementAndGet();
        if (state == FileState.UNMODIFIED) { // not read, but done: counts toward the total as restic does
            bytes.addAndGet(size);
            display.step(size);
        }
        display.message(() -> " " + counts());
    }

    @Override
    public void scanned(long scannedFiles, long scannedBytes, boolean done) {
        totalFiles.set(scannedFiles);
        totalBytes.set(scannedBytes);
        scanDone = done;
        display.max(Math.max(scannedBytes, bytes.get()));
        display.message(() -> " " + counts());
    }

    /** The pre-scan's totals feed the bar and the JSON status events: without either (quiet, or not a terminal) no scan. */
    @Override
    public boolean wantsTotals() {
        return output.showProgress() || output.json();
    }

    @Override
    public void phase(Phase next) {
        phase = switch (next) {
            case SAVING_INDEX -> "saving index…";
            case WRITING_SNAPSHOT -> "writing snapshot…";
        };
        display.message(() -> " " + counts());
    }

    @Override
    public void dirDone(String path) {
        dirs.incrementAndGet();
    }

    @Override
    public void error(String path, Exception e) {
        errors.incrementAndGet();
        output.itemError(path, e);
        display.message(() -> " " + counts());
    }

    @Override
    public void bytesRead(long delta) {
        bytes.addAndGet(delta);
        display.step(delta);
    }

    /** Items that could not be read so far. */
    @Override
    public void lockWaiting(String holder, java.time.Duration retryFor) {
        output.warn(Formats.lockWait(holder, retryFor));
    }

    @Override
    public void deadLockRemoved(String holder) {
        output.warn(Formats.deadLock(holder));
    }

    @Override
    public void resumed(int packs) {
        output.info("reusing " + Formats.count(packs, "pack", "packs") + " an interrupted backup stored");
    }

    public long errors() {
        return errors.get();
    }

    /** The current counters as a JSON {@code status} event. */
    public Map<String, Object> status() {
        long elapsed = (System.nanoTime() - startNanos) / 1_000_000_000L;
        Map<String, Object> status = JsonOutput.object("message_type", "status", "seconds_elapsed", elapsed);
        long total = totalBytes.get();
        long done = bytes.get();
        if (total > 0 && scanDone) {
            double fraction = Math.min(1.0, (double) done / total);
            status.put("percent_done", fraction);
            if (done > 0 && done < total) {
                status.put("seconds_remaining", (long) (elapsed * (total - done) / (double) done));
            }
        }
        if (total >= 0) {
            status.put("total_files", totalFiles.get());
            status.put("total_bytes", total);
        }
        status.putAll(JsonOutput.object("files_done", files.get(), "dirs_done", dirs.get(), "bytes_done", done,
                "error_count", errors.get()));
        if (phase != null) {
            status.put("phase", phase.replace("…", ""));
        }
        return status;
    }

    private String counts() {
        long total = totalFiles.get();
        String of = total >= 0 ? " of " + (scanDone ? "" : "≥") + total : "";
        String errorText = errors.get() > 0 ? ", " + Formats.count(errors.get(), "error", "errors") : "";
        return files.get() + of + " files" + errorText + (phase != null ? ", " + phase : "");
    }

    @Override
    public void close() {
        ticker.close();
        display.close();
        output.json(status());
    }
}
