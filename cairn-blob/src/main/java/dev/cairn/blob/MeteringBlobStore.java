package dev.cairn.blob;

import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts requests, failures and bytes per {@link BlobOp}, for usage reports, billing and progress. Read the totals with
 * {@link #metrics()}, or get one event per completed request through a {@link Listener}.
 *
 * <p>A request completes when the operation returns or throws; a get completes when its stream is closed (a stream never
 * closed is never counted). Put bytes are the object's length, counted only on success; get bytes are what the caller
 * read. Thread-safe; each counter is exact, but a snapshot taken during traffic may mix earlier and later values.
 * Closing this closes the wrapped store.
 */
public final class MeteringBlobStore extends ForwardingBlobStore {

    /** Receives one call per completed request, on the thread that completed it. Must be fast and must not throw. */
    @FunctionalInterface
    public interface Listener {
        void requestCompleted(BlobOp op, long bytes, boolean failed);
    }

    private final Map<BlobOp, Counters> counters = new EnumMap<>(BlobOp.class);
    private final Listener listener;

    private MeteringBlobStore(BlobStore delegate, Listener listener) {
        super(delegate);
        this.listener = Objects.requireNonNull(listener, "listener");
        for (BlobOp op : BlobOp.values()) {
            counters.put(op, new Counters());
        }
    }

    /** Counts the traffic of {@code store}; read it with {@link #metrics()}. */
    public static MeteringBlobStore wrap(BlobStore store) {
        return wrap(store, (op, bytes, failed) -> { });
    }

    /** Counts the traffic of {@code store} and reports each completed request to {@code listener}. */
    public static MeteringBlobStore wrap(BlobStore store, Listener listener) {
        return new MeteringBlobStore(store, listener);
    }

    /** The totals so far. */
    public BlobStoreMetrics metrics() {
        Map<BlobOp, BlobStoreMetrics.OpMetrics> snapshot = new EnumMap<>(BlobOp.class);
        counters.forEach((op, c) -> snapshot.put(op, c.snapshot()));
        return new BlobStoreMetrics(snapshot);
    }

    @Override
    public void put(BlobName name, InputStream content, long length) throws IOException {
        measure(BlobOp.PUT, length, () -> {
            delegate().put(name, content, length);
            return null;
        });
    }

    @Override
    public void put(BlobName name, byte[] content) throws IOException {
        measure(BlobOp.PUT, content.length, () -> {
            delegate().put(name, content);
            return null;
        });
    }

    @Override
    public InputStream get(BlobName name) throws IOException {
        return metered(measureFailure(() -> delegate().get(name)));
    }

    @Override
    public InputStream get(BlobName name, long offset, long length) throws IOException {
        return metered(measureFailure(() -> delegate().get(name, offset, length)));
    }

    @Override
    public BlobInfo stat(BlobName name) throws IOException {
        return measure(BlobOp.STAT, 0, () -> delegate().stat(name));
    }

    @Override
    public List<BlobInfo> list(BlobKind kind) throws IOException {
        return measure(BlobOp.LIST, 0, () -> delegate().list(kind));
    }

    @Override
    public void delete(BlobName name) throws IOException {
        measure(BlobOp.DELETE, 0, () -> {
            delegate().delete(name);
            return null;
        });
    }

    private <T> T measure(BlobOp op, long bytesOnSuccess, Call<T> call) throws IOException {
        T result;
        try {
            result = call.run();
        } catch (IOException | RuntimeException e) {
            record(op, 0, true);
            throw e;
        }
        record(op, bytesOnSuccess, false);
        return result;
    }

    /** Opening a get is counted only if it fails; otherwise the stream counts it when closed. */
    private InputStream measureFailure(Call<InputStream> open) throws IOException {
        try {
            return open.run();
        } catch (IOException | RuntimeException e) {
            record(BlobOp.GET, 0, true);
            throw e;
        }
    }

    private InputStream metered(InputStream in) {
        return new MeteredInputStream(in, (bytes, failed) -> record(BlobOp.GET, bytes, failed));
    }

    private void record(BlobOp op, long bytes, boolean failed) {
        counters.get(op).add(bytes, failed);
        listener.requestCompleted(op, bytes, failed);
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws IOException;
    }

    private static final class Counters {
        private final LongAdder requests = new LongAdder();
        private final LongAdder failures = new LongAdder();
        private final LongAdder bytes = new LongAdder();

        void add(long n, boolean failed) {
            requests.increment();
            bytes.add(n);
            if (failed) {
                failures.increment();
            }
        }

        BlobStoreMetrics.OpMetrics snapshot() {
            return new BlobStoreMetrics.OpMetrics(requests.sum(), failures.sum(), bytes.sum());
        }
    }
}
