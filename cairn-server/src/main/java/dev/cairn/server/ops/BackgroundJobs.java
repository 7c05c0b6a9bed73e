package dev.cairn.server.ops;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs periodic jobs on one daemon thread; a failing run is logged and the job runs again next period. Jobs must be
 * safe to run concurrently on several server processes. {@link #close()} stops scheduling and waits briefly for a
 * running job.
 */
public final class BackgroundJobs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundJobs.class);
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cairn-jobs");
        t.setDaemon(true);
        return t;
    });

    /** A job body that may throw. */
    @FunctionalInterface
    public interface Job {
        void run() throws Exception;
    }

    /** Runs {@code job} every {@code period}, first after {@code period}. */
    public void every(String name, Duration period, Job job) {
        if (period.isZero() || period.isNegative()) {
            return;
        }
        executor.scheduleWithFixedDelay(() -> {
            try {
                job.run();
            } catch (Exception | Error e) {
                LOG.error("background job '{}' failed; it runs again in {}", name, period, e);
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }
}
