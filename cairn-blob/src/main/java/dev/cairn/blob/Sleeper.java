package dev.cairn.blob;

import java.time.Duration;

/**
 * Waits for a duration. Injected into decorators that back off or pace ({@link RetryingBlobStore},
 * {@link ThrottlingBlobStore}) so tests can replace real sleeping with a fake that advances a clock.
 */
@FunctionalInterface
public interface Sleeper {

    /**
     * Blocks for {@code duration}; a zero or negative duration returns at once.
     *
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;

    /** The real thing: {@link Thread#sleep(Duration)}. */
    static Sleeper system() {
        return duration -> {
            if (duration.isPositive()) {
                Thread.sleep(duration);
            }
        };
    }
}
