package dev.cairn.server.http;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.error.ServiceException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Counts requests in progress so shutdown can drain them: after {@link #drain} starts, new requests are refused with
 * 503 (clients retry elsewhere) while running ones, such as uploads, finish and their responses are written.
 * Thread-safe.
 */
public final class InFlight {
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final LongSupplier unwrittenResponses;

    /**
     * @param unwrittenResponses requests whose response the server has not finished writing (a handler that returned
     *                           may still be writing it)
     */
    InFlight(LongSupplier unwrittenResponses) {
        this.unwrittenResponses = unwrittenResponses;
    }

    /** @throws ServiceException {@code store-unavailable} (503) once draining */
    void enter() {
        running.incrementAndGet();
        if (draining.get()) {
            running.decrementAndGet();
            throw new ServiceException(ErrorCode.STORE_UNAVAILABLE, "the server is shutting down; retry in a moment");
        }
    }

    void exit() {
        running.decrementAndGet();
    }

    public boolean isDraining() {
        return draining.get();
    }

    public int running() {
        return running.get();
    }

    /**
     * Refuses new requests, waits up to {@code timeout} for running handlers, then up to {@code tail} for the responses
     * still being written.
     *
     * @return how many handlers were still running after {@code timeout}
     */
    public int drain(Duration timeout, Duration tail) throws InterruptedException {
        draining.set(true);
        awaitNone(running::get, timeout);
        int left = running.get();
        awaitNone(unwrittenResponses, tail);
        return left;
    }

    private static void awaitNone(LongSupplier count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count.getAsLong() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
