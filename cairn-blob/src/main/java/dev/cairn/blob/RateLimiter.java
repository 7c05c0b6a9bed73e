package dev.cairn.blob;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Paces a byte flow to an average rate. Each {@link #acquire} books the next slot of transfer time and waits until that
 * slot has passed, so concurrent callers share the rate fairly and a transfer of {@code n} bytes from idle waits
 * {@code n / rate} seconds in total. Idle time does not build up credit (no bursts above the rate).
 *
 * <p>Thread-safe: booking is synchronized; waiting is not, so callers sleep in parallel on their own slots.
 */
final class RateLimiter {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long bytesPerSecond;
    private final InstantSource clock;
    private final Sleeper sleeper;
    private long nextFreeNanos = Long.MIN_VALUE;

    RateLimiter(long bytesPerSecond, InstantSource clock, Sleeper sleeper) {
        if (bytesPerSecond <= 0) {
            throw new IllegalArgumentException("rate " + bytesPerSecond + " bytes/s must be > 0");
        }
        this.bytesPerSecond = bytesPerSecond;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Waits until {@code bytes} more bytes fit the rate. */
    void acquire(long bytes) throws InterruptedIOException {
        Duration wait = book(bytes);
        if (!wait.isPositive()) {
            return;
        }
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while throttling to " + bytesPerSecond + " bytes/s");
        }
    }

    private synchronized Duration book(long bytes) {
        long now = nanos(clock.instant());
        long start = Math.max(now, nextFreeNanos);
        nextFreeNanos = start + cost(bytes);
        return Duration.ofNanos(nextFreeNanos - now);
    }

    private long cost(long bytes) {
        return (long) Math.ceil((double) bytes * NANOS_PER_SECOND / bytesPerSecond);
    }

    private static long nanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano());
    }
}
