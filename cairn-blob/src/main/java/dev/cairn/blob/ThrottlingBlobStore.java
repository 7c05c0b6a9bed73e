package dev.cairn.blob;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.InstantSource;
import java.util.Objects;

/**
 * Limits the bandwidth of puts (bytes written) and gets (bytes read) to an average number of bytes per second each,
 * shared by all threads using this store. Stat, list and delete are not limited.
 *
 * <p>Puts are paced as the wrapped store reads their content; gets as the caller reads the returned stream. A
 * {@link #put(BlobName, byte[])} is passed on as a stream that supports mark/reset, so a {@link RetryingBlobStore} below
 * can still retry it (put the retrying store below the throttle, so retried bytes are paced too).
 * Thread-safe if the wrapped store is; closing this closes the wrapped store. An interrupt while waiting ends the
 * operation with an {@link java.io.InterruptedIOException}.
 */
public final class ThrottlingBlobStore extends ForwardingBlobStore {
    /** A rate that means "no limit". */
    public static final long UNLIMITED = Long.MAX_VALUE;

    private final RateLimiter reads;
    private final RateLimiter writes;

    private ThrottlingBlobStore(BlobStore delegate, RateLimiter reads, RateLimiter writes) {
        super(delegate);
        this.reads = reads;
        this.writes = writes;
    }

    /** Limits {@code store} with the system clock and real sleeping; rates in bytes/s, {@link #UNLIMITED} for none. */
    public static ThrottlingBlobStore wrap(BlobStore store, long readBytesPerSecond, long writeBytesPerSecond) {
        return wrap(store, readBytesPerSecond, writeBytesPerSecond, InstantSource.system(), Sleeper.system());
    }

    /**
     * Limits {@code store}, reading time from {@code clock} and waiting with {@code sleeper}.
     *
     * @throws IllegalArgumentException if a rate is not positive
     */
    public static ThrottlingBlobStore wrap(BlobStore store, long readBytesPerSecond, long writeBytesPerSecond,
                                           InstantSource clock, Sleeper sleeper) {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        return new ThrottlingBlobStore(store, limiter(readBytesPerSecond, clock, sleeper),
                limiter(writeBytesPerSecond, clock, sleeper));
    }

    @Override
    public void put(BlobName name, InputStream content, long length) throws IOException {
        delegate().put(name, throttle(content, writes), length);
    }

    @Override
    public void put(BlobName name, byte[] content) throws IOException {
        put(name, new ByteArrayInputStream(content), content.length);
    }

    @Override
    public InputStream get(BlobName name) throws IOException {
        return throttle(delegate().get(name), reads);
    }

    @Override
    public InputStream get(BlobName name, long offset, long length) throws IOException {
        return throttle(delegate().get(name, offset, length), reads);
    }

    private static InputStream throttle(InputStream in, RateLimiter limiter) {
        return limiter == null ? in : new ThrottledInputStream(in, limiter);
    }

    private static RateLimiter limiter(long bytesPerSecond, InstantSource clock, Sleeper sleeper) {
        if (bytesPerSecond <= 0) {
            throw new IllegalArgumentException("rate " + bytesPerSecond + " bytes/s must be > 0 (UNLIMITED for none)");
        }
        return bytesPerSecond == UNLIMITED ? null : new RateLimiter(bytesPerSecond, clock, sleeper);
    }
}
