package dev.cairn.agent.ui;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Prints a JSON {@code status} event every second while a long command runs; only in JSON mode. */
final class StatusTicker implements AutoCloseable {
    private final ScheduledExecutorService timer;

    private StatusTicker(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    static StatusTicker start(Output output, Supplier<Map<String, Object>> status) {
        if (!output.json()) {
            return new StatusTicker(null);
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cairn-status");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> output.json(status.get()), 1, 1, TimeUnit.SECONDS);
        return new StatusTicker(timer);
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
