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
        display.message(" " + counts());
    }

    @Override
    public void dirDone(String path) {
        dirs.incrementAndGet();
    }

    @Override
    public void error(String path, Exception e) {
        errors.incrementAndGet();
        output.itemError(path, e);
        display.message(" " + counts());
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
    public void resumed(int packs) {
        output.info("reusing " + Formats.count(packs, "pack", "packs") + " an interrupted backup stored");
    }

    public long errors() {
        return errors.get();
    }

    /** The current counters as a JSON {@code status} event. */
    public Map<String, Object> status() {
        return JsonOutput.object("message_type", "status", "seconds_elapsed", (System.nanoTime() - startNanos) / 1_000_000_000L,
                "files_done", files.get(), "dirs_done", dirs.get(), "bytes_done", bytes.get(), "error_count", errors.get());
    }

    private String counts() {
        return Formats.count(files.get(), "file", "files") + ", " + Formats.count(errors.get(), "error", "errors");
    }

    @Override
    public void close() {
        ticker.close();
        display.close();
        output.json(status());
    }
}
