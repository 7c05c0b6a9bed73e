package dev.cairn.blob;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link RetryingBlobStore} retries: at most {@code maxAttempts} attempts in total; before attempt {@code n + 1} it
 * waits {@code initialDelay * multiplier^(n-1)}, capped at {@code maxDelay}. Immutable; validated on construction.
 *
 * @param maxAttempts  attempts including the first, at least 1 (1 means no retries)
 * @param initialDelay wait before the first retry, not negative
 * @param maxDelay     upper bound of every wait, at least {@code initialDelay}
 * @param multiplier   growth factor of the wait per retry, at least 1
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, double multiplier) {

    /** Five attempts waiting 0.5 s, 1 s, 2 s, 4 s: rides out a short network or server hiccup. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(30), 2.0);

    public RetryPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts " + maxAttempts + " must be >= 1 (1 means no retries)");
        }
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("delays must satisfy 0 <= initialDelay (" + initialDelay
                    + ") <= maxDelay (" + maxDelay + ")");
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier " + multiplier + " must be a finite number >= 1");
        }
    }

    /** The wait before attempt {@code attempt + 1}, after {@code attempt} (1-based) attempts failed. */
    public Duration delayAfter(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt " + attempt + " must be >= 1");
        }
        double nanos = initialDelay.toNanos() * Math.pow(multiplier, attempt - 1);
        return nanos >= maxDelay.toNanos() ? maxDelay : Duration.ofNanos((long) nanos);
    }
}
