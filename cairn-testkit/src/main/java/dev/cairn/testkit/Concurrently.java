package dev.cairn.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task on several threads that start together, to provoke races. Results come back in thread order; the first
 * failure is rethrown with the others suppressed.
 */
public final class Concurrently {
    private static final long TIMEOUT_SECONDS = 120;

    private Concurrently() {
    }

    /** One step of a concurrent test; {@code thread} is 0 to {@code threads - 1}. */
    @FunctionalInterface
    public interface Task<T> {
        T run(int thread) throws Exception;
    }

    /** Runs {@code task} on {@code threads} platform threads released at the same moment, and waits for all. */
    public static <T> List<T> run(int threads, Task<T> task) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.run(thread);
                }));
            }
            start.countDown();
            return collect(futures);
        } finally {
            pool.shutdownNow();
            if (!pool.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("concurrent test threads did not stop within " + TIMEOUT_SECONDS + " s");
            }
        }
    }

    private static <T> List<T> collect(List<Future<T>> futures) throws Exception {
        List<T> results = new ArrayList<>();
        Exception failure = null;
        for (Future<T> future : futures) {
            try {
                results.add(future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            } catch (ExecutionException e) {
                Exception cause = e.getCause() instanceof Exception ex ? ex : e;
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }
}
