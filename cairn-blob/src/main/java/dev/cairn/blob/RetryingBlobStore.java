package dev.cairn.blob;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Retries operations that fail with {@link TransientBlobStoreException}, with exponential backoff per {@link RetryPolicy}.
 * Every other failure (not found, already exists, permanent errors) is passed on at once.
 *
 * <ul>
 *   <li>{@link #put(BlobName, byte[])} is retried. A streaming put is retried only if the stream supports
 *       {@link InputStream#mark mark/reset} (the stream is marked before the first attempt and reset before each retry;
 *       a {@code BufferedInputStream} then buffers up to {@code length} bytes); other streaming puts get one attempt.</li>
 *   <li>A put can succeed in the store but still report a transient failure (a lost response). If a retry then finds the
 *       object already there, its content is compared with the put's content, and equal content counts as success.</li>
 *   <li>Likewise a retried delete that finds the object gone counts as success.</li>
 *   <li>For {@code get}, only opening the stream is retried, not failures while reading it; {@code readRange} is
 *       retried as a whole (the wrapped store's own, when it has a faster one than reading a stream).</li>
 * </ul>
 * When all attempts fail, a {@link TransientBlobStoreException} saying so is thrown, with the last failure as its cause and
 * the earlier ones suppressed. If the waiting thread is interrupted, an {@link InterruptedIOException} is thrown and the
 * interrupt flag is kept. Thread-safe if the wrapped store is; closing this closes the wrapped store.
 */
public final class RetryingBlobStore extends ForwardingBlobStore {
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final DoubleSupplier jitter;

    private RetryingBlobStore(BlobStore delegate, RetryPolicy policy, Sleeper sleeper, DoubleSupplier jitter) {
        super(delegate);
        this.policy = Objects.requireNonNull(policy, "policy");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.jitter = Objects.requireNonNull(jitter, "jitter");
    }

    /** Retries on {@code store} per {@code policy}, sleeping for real between attempts. */
    public static RetryingBlobStore wrap(BlobStore store, RetryPolicy policy) {
        return wrap(store, policy, Sleeper.system());
    }

    /** Retries on {@code store} per {@code policy}, waiting between attempts with {@code sleeper}. */
    public static RetryingBlobStore wrap(BlobStore store, RetryPolicy policy, Sleeper sleeper) {
        return new RetryingBlobStore(store, policy, sleeper, () -> 1.0);
    }

    /**
     * Retries on {@code store} per {@code policy} with jitter: each wait is the policy's delay times
     * {@code 0.5 + 0.5 * jitter} ({@code jitter} yields values in [0, 1), e.g. {@code random::nextDouble}), so clients that
     * failed together do not retry together; a store's {@link TransientBlobStoreException#retryAfter()} is a lower bound.
     */
    public static RetryingBlobStore wrap(BlobStore store, RetryPolicy policy, Sleeper sleeper, DoubleSupplier jitter) {
        return new RetryingBlobStore(store, policy, sleeper, jitter);
    }

    @Override
    public void put(BlobName name, byte[] content) throws IOException {
        retry(BlobOp.PUT, name, attempt -> {
            putOnce(name, attempt, () -> new ByteArrayInputStream(content), content.length,
                    () -> delegate().put(name, content));
            return null;
        });
    }

    @Override
    public void put(BlobName name, InputStream content, long length) throws IOException {
        if (!content.markSupported() || length >= Integer.MAX_VALUE) {
            delegate().put(name, content, length);
            return;
        }
        content.mark((int) length + 1);
        ContentSource replay = () -> {
            content.reset();
            return content;
        };
        retry(BlobOp.PUT, name, attempt -> {
            InputStream source = attempt == 1 ? content : replay.open();
            putOnce(name, attempt, replay, length, () -> delegate().put(name, source, length));
            return null;
        });
    }

    @Override
    public InputStream get(BlobName name) throws IOException {
        return retry(BlobOp.GET, name, attempt -> delegate().get(name));
    }

    @Override
    public InputStream get(BlobName name, long offset, long length) throws IOException {
        return retry(BlobOp.GET, name, attempt -> delegate().get(name, offset, length));
    }

    /** Retried as a whole, failures while reading included: a new attempt only overwrites {@code dst} again. */
    @Override
    public void readRange(BlobName name, long offset, byte[] dst, int dstOffset, int length) throws IOException {
        retry(BlobOp.GET, name, attempt -> {
            delegate().readRange(name, offset, dst, dstOffset, length);
            return null;
        });
    }

    @Override
    public BlobInfo stat(BlobName name) throws IOException {
        return retry(BlobOp.STAT, name, attempt -> delegate().stat(name));
    }

    @Override
    public List<BlobInfo> list(BlobKind kind) throws IOException {
        return retry(BlobOp.LIST, kind.dirName(), attempt -> delegate().list(kind));
    }

    @Override
    public void delete(BlobName name) throws IOException {
        retry(BlobOp.DELETE, name, attempt -> {
            try {
                delegate().delete(name);
            } catch (BlobNotFoundException e) {
                if (attempt == 1) {
                    throw e;
                } // else an earlier attempt deleted it but its answer was lost
            }
            return null;
        });
    }

    private void putOnce(BlobName name, int attempt, ContentSource content, long length, Action put) throws IOException {
        try {
            put.run();
        } catch (BlobAlreadyExistsException e) {
            if (attempt == 1 || !StreamComparison.storedEquals(delegate(), name, content.open(), length)) {
                throw e;
            } // else an earlier attempt stored it but its answer was lost
        }
    }

    private <T> T retry(BlobOp op, Object subject, Attempt<T> attempt) throws IOException {
        List<TransientBlobStoreException> failures = new ArrayList<>();
        for (int n = 1; ; n++) {
            try {
                return attempt.run(n);
            } catch (TransientBlobStoreException e) {
                failures.add(e);
                if (n >= policy.maxAttempts()) {
                    throw gaveUp(op, subject, failures);
                }
                pause(delay(n, e), e);
            }
        }
    }

    private Duration delay(int attempt, TransientBlobStoreException failure) {
        Duration base = policy.delayAfter(attempt);
        Duration jittered = Duration.ofNanos((long) (base.toNanos() * (0.5 + 0.5 * jitter.getAsDouble())));
        Duration asked = failure.retryAfter();
        return asked != null && asked.compareTo(jittered) > 0 ? asked : jittered;
    }

    private void pause(Duration delay, IOException cause) throws InterruptedIOException {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while waiting to retry");
            interrupted.initCause(cause);
            throw interrupted;
        }
    }

    private static TransientBlobStoreException gaveUp(BlobOp op, Object subject,
                                                      List<TransientBlobStoreException> failures) {
        TransientBlobStoreException last = failures.getLast();
        if (failures.size() == 1) {
            return last;
        }
        TransientBlobStoreException e = new TransientBlobStoreException(op.name().toLowerCase(java.util.Locale.ROOT)
                + " " + subject + " failed " + failures.size() + " times, giving up; last error: " + last.getMessage(),
                last);
        failures.subList(0, failures.size() - 1).forEach(e::addSuppressed);
        return e;
    }

    @FunctionalInterface
    private interface Attempt<T> {
        T run(int attempt) throws IOException;
    }

    @FunctionalInterface
    private interface Action {
        void run() throws IOException;
    }

    /** Opens the put's content again from its start; the caller does not close what it returns. */
    @FunctionalInterface
    private interface ContentSource {
        InputStream open() throws IOException;
    }
}
