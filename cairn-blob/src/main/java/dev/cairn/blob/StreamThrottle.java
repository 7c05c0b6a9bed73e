package dev.cairn.blob;

import java.io.InputStream;
import java.time.InstantSource;
import java.util.Objects;

/**
 * Paces what is read from streams to an average number of bytes per second, shared by every stream it wraps: the same
 * pacing as {@link ThrottlingBlobStore}'s gets, for transfers that do not go through a blob store (an export bundle's
 * download). Thread-safe; {@link #NONE} wraps nothing.
 */
public final class StreamThrottle {
    /** No limit: {@link #wrap} returns the stream itself. */
    public static final StreamThrottle NONE = new StreamThrottle(null);

    private final RateLimiter limiter;

    private StreamThrottle(RateLimiter limiter) {
        this.limiter = limiter;
    }

    /** A limit of {@code bytesPerSecond} on the system clock with real sleeping; {@link ThrottlingBlobStore#UNLIMITED}: {@link #NONE}. */
    public static StreamThrottle of(long bytesPerSecond) {
        return of(bytesPerSecond, InstantSource.system(), Sleeper.system());
    }

    /**
     * A limit of {@code bytesPerSecond}, reading time from {@code clock} and waiting with {@code sleeper}.
     *
     * @throws IllegalArgumentException if the rate is not positive
     */
    public static StreamThrottle of(long bytesPerSecond, InstantSource clock, Sleeper sleeper) {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        if (bytesPerSecond <= 0) {
            throw new IllegalArgumentException("rate " + bytesPerSecond + " bytes/s must be > 0 (UNLIMITED for none)");
        }
        return bytesPerSecond == ThrottlingBlobStore.UNLIMITED ? NONE
                : new StreamThrottle(new RateLimiter(bytesPerSecond, clock, sleeper));
    }

    /** {@code in}, read no faster than the limit (an interrupt while waiting ends a read with an InterruptedIOException). */
    public InputStream wrap(InputStream in) {
        return limiter == null ? in : new ThrottledInputStream(in, limiter);
    }
}
