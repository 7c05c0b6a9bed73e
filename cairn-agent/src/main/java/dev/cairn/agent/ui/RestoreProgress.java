package dev.cairn.agent.ui;

import dev.cairn.engine.restore.RestoreListener;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Renders a running restore: a progress bar against the total size on a terminal, JSON {@code status} events in JSON mode,
 * and {@code error: PATH: reason} on stderr per failed item. Thread-safe: the restorer calls it from its workers.
 */
public final class RestoreProgress implements RestoreListener, AutoCloseable {
    private final Output output;
    private final AtomicLong totalFiles = new AtomicLong();
    private final AtomicLong totalBytes = new AtomicLong();
    private final AtomicLong files = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final long startNanos = System.nanoTime();
    private final ProgressDisplay display;
    private final StatusTicker ticker;

    public RestoreProgress(Output output) {
        this.output = output;
        this.display = ProgressDisplay.create(output, "restore", 0);
        this.ticker = StatusTicker.start(output, this::status);
    }

    @Override
    public void start(long totalFiles, long totalBytes) {
        this.totalFiles.set(totalFiles);
        this.totalBytes.set(totalBytes);
        display.max(totalBytes);
    }

    @Override
    public void fileRestored(String path, long bytes) {
        files.incrementAndGet();
        this.bytes.addAndGet(bytes);
        display.step(bytes);
        display.message(() -> " " + files.get() + "/" + totalFiles.get() + " files");
    }

    @Override
    public void error(String path, Exception e) {
        errors.incrementAndGet();
        output.itemError(path, e);
    }

    /** The current counters as a JSON {@code status} event. */
    public Map<String, Object> status() {
        long total = totalBytes.get();
        double percent = total == 0 ? 0 : Math.min(1.0, (double) bytes.get() / total);
        return JsonOutput.object("message_type", "status", "seconds_elapsed", (System.nanoTime() - startNanos) / 1_000_000_000L,
                "percent_done", percent, "total_files", totalFiles.get(), "files_restored", files.get(),
                "total_bytes", total, "bytes_restored", bytes.get(), "error_count", errors.get());
    }

    @Override
    public void close() {
        ticker.close();
        display.close();
        output.json(status());
    }
}
