package dev.cairn.testkit;

import dev.cairn.blob.BlobInfo;
import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobOp;
import dev.cairn.blob.BlobStore;
import dev.cairn.blob.ForwardingBlobStore;
import dev.cairn.blob.Sleeper;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.InstantSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A decorator for time faults: every call of an operation can be slowed by a fixed delay, and {@link #list} can lag
 * behind writes as an eventually consistent object store's does. With a list lag L, a listing leaves out every object
 * whose {@code storedAt} is less than L ago (so it works across processes on one local store, whose {@code storedAt} is
 * the file's modification time), and still shows an object this decorator deleted less than L ago. Reads and stats are
 * not affected. Time comes from the injected clock and sleeper. Thread-safe.
 */
public final class LaggingBlobStore extends ForwardingBlobStore {
    private final InstantSource clock;
    private final Sleeper sleeper;
    private final Map<BlobOp, Duration> delays = new EnumMap<>(BlobOp.class);
    private final Map<BlobName, Deleted> deleted = new ConcurrentHashMap<>();
    private volatile Duration listLag = Duration.ZERO;

    private record Deleted(BlobInfo info, Instant at) {
    }

    private LaggingBlobStore(BlobStore delegate, InstantSource clock, Sleeper sleeper) {
        super(delegate);
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** A view of {@code store} with no delay and no lag yet. */
    public static LaggingBlobStore wrap(BlobStore store, InstantSource clock, Sleeper sleeper) {
        return new LaggingBlobStore(store, clock, sleeper);
    }

    /** Every call of {@code op} waits {@code delay} before it reaches the store. Set before use. */
    public synchronized LaggingBlobStore delay(BlobOp op, Duration delay) {
        delays.put(op, delay);
        return this;
    }

    /** Listings lag {@code lag} behind puts and deletes (see the class comment). */
    public LaggingBlobStore listLag(Duration lag) {
        this.listLag = lag;
        return this;
    }

    @Override
    public void put(BlobName name, InputStream content, long length) throws IOException {
        pause(BlobOp.PUT);
        super.put(name, content, length);
    }

    @Override
    public void put(BlobName name, byte[] content) throws IOException {
        pause(BlobOp.PUT);
        super.put(name, content);
    }

    @Override
    public InputStream get(BlobName name) throws IOException {
        pause(BlobOp.GET);
        return super.get(name);
    }

    @Override
    public InputStream get(BlobName name, long offset, long length) throws IOException {
        pause(BlobOp.GET);
        return super.get(name, offset, length);
    }

    @Override
    public BlobInfo stat(BlobName name) throws IOException {
        pause(BlobOp.STAT);
        return super.stat(name);
    }

    @Override
    public void delete(BlobName name) throws IOException {
        pause(BlobOp.DELETE);
        BlobInfo before = listLag.isPositive() ? statOrNull(name) : null;
        super.delete(name);
        if (before != null) {
            deleted.put(name, new Deleted(before, clock.instant()));
        }
    }

    @Override
    public List<BlobInfo> list(BlobKind kind) throws IOException {
        pause(BlobOp.LIST);
        Duration lag = listLag;
        List<BlobInfo> all = super.list(kind);
        if (!lag.isPositive()) {
            return all;
        }
        Instant horizon = clock.instant().minus(lag);
        List<BlobInfo> seen = new ArrayList<>();
        for (BlobInfo info : all) {
            if (info.storedAt() == null || !info.storedAt().isAfter(horizon)) {
                seen.add(info);
            }
        }
        deleted.values().removeIf(d -> d.at().isBefore(horizon));
        for (Deleted d : deleted.values()) {
            if (d.info().name().kind() == kind && seen.stream().noneMatch(i -> i.name().equals(d.info().name()))) {
                seen.add(d.info());
            }
        }
        return seen;
    }

    private BlobInfo statOrNull(BlobName name) {
        try {
            return super.stat(name);
        } catch (IOException e) {
            return null;
        }
    }

    private void pause(BlobOp op) throws InterruptedIOException {
        Duration d;
        synchronized (this) {
            d = delays.get(op);
        }
        if (d == null) {
            return;
        }
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while slowed down");
        }
    }
}
