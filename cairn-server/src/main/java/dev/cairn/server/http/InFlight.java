package dev.cairn.server.http;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.error.ServiceException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts requests in progress so shutdown can drain them: after {@link #drain} starts, new requests are refused with
 * 503 (clients retry elsewhere) while running ones, such as uploads, finish. Thread-safe.
 */
public final class InFlight {
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();

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

    /** Refuses new requests and waits up to {@code timeout} for running ones; returns how many are still running. */
    public int drain(Duration timeout) throws InterruptedException {
        draining.set(true);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (running.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return running.get();
    }
}
