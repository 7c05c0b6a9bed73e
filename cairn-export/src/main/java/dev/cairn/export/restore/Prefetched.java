package dev.cairn.export.restore;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An iterator read ahead on a thread of its own, in batches through a short queue (memory stays at a few batches), so
 * the workspace's rows are read from the database while the copy's are parsed: a diff uses both cores (ADR 37). The
 * source is used by that thread only until {@link #close} returns, which stops it and waits for it, so the caller can
 * use the source's connection again afterwards. An exception of the source is thrown by {@link #next}/{@link #hasNext}.
 * One consumer thread.
 */
final class Prefetched<T> implements Iterator<T>, AutoCloseable {
    private static final int BATCH = 1_024;
    private static final List<Object> END = List.of();
    private final BlockingQueue<List<Object>> queue = new ArrayBlockingQueue<>(4);
    private final Thread reader;
    private volatile boolean stopped;
    private volatile Throwable failure;
    private List<Object> batch = new ArrayList<>();
    private int at;
    private boolean ended;

    Prefetched(Iterator<T> source, String name) {
        reader = Thread.ofPlatform().daemon().name(name).start(() -> read(source));
    }

    private void read(Iterator<T> source) {
        try {
            List<Object> out = new ArrayList<>(BATCH);
            while (!stopped && source.hasNext()) {
                out.add(source.next());
                if (out.size() == BATCH) {
                    put(out);
                    out = new ArrayList<>(BATCH);
                }
            }
            if (!out.isEmpty()) {
                put(out);
            }
        } catch (Throwable t) {
            failure = t;
        } finally {
            try {
                put(END);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Queues a batch unless the consumer closed (then drops it). */
    private void put(List<Object> b) throws InterruptedException {
        while (!stopped && !queue.offer(b, 100, TimeUnit.MILLISECONDS)) {
            // the consumer is slower: wait for room, or for close
        }
    }

    @Override
    public boolean hasNext() {
        while (!ended && at == batch.size()) {
            try {
                batch = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading ahead", e);
            }
            at = 0;
            if (batch == END) {
                ended = true;
            }
        }
        if (ended && failure != null) {
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(failure);
        }
        return !ended;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return (T) batch.get(at++);
    }

    /** Stops the reader and waits until it no longer touches the source. */
    @Override
    public void close() {
        stopped = true;
        queue.clear();
        boolean interrupted = false;
        while (reader.isAlive()) {
            try {
                reader.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
