package dev.cairn.workspace.write;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The queue of one workspace's writers in this process, drained one batch at a time (group commit, ADR 15).
 *
 * <p>A writer enqueues its unit and parks until its own unit is completed. When no batch is running, the lane hands up
 * to {@link #MAX_BATCH} queued units (or one unit that must {@linkplain WriteUnit#alone run alone}) to a committer: a
 * platform thread of a small process-wide pool, which keeps running the lane's batches while units wait. Committers
 * are platform threads so that a batch's database round trips are scheduled by the OS rather than queued behind every
 * runnable request on the virtual-thread scheduler, and so that waiting in native code never pins a carrier. Waiting
 * writers hold no connection; at most one batch per workspace runs at a time in this process.
 */
final class WriterLane {
    /**
     * The most units one batch (one transaction, one commit) takes. Each unit is a savepoint: PostgreSQL keeps up to
     * 64 subtransactions of a transaction in shared memory and gets slower for every transaction beyond that.
     */
    static final int MAX_BATCH = 48;
    /** Batches of different workspaces running at once in this process; more wait for a committer. */
    private static final int COMMITTERS = 8;
    private static final ExecutorService COMMITTER_POOL = committers();

    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<WriteUnit<?>> queue = new ArrayDeque<>();
    private boolean running;

    /**
     * Queues {@code unit}, waits until a batch completed it and returns its outcome (the unit's failure rethrown).
     *
     * @param runBatch runs a batch and completes each of its units; must not throw; the same for every unit of a lane
     *     (a lane belongs to one database)
     */
    <T> T submit(WriteUnit<T> unit, Consumer<List<WriteUnit<?>>> runBatch) {
        lock.lock();
        try {
            queue.add(unit);
            if (!running) {
                startBatch(runBatch);
            }
        } finally {
            lock.unlock();
        }
        unit.awaitDone();
        return unit.outcome();
    }

    /** How many units wait for a batch (for tests). */
    int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock, with units queued and no batch running: a committer runs batches until the queue is empty. */
    private void startBatch(Consumer<List<WriteUnit<?>>> runBatch) {
        running = true;
        List<WriteUnit<?>> first = takeBatch();
        COMMITTER_POOL.execute(() -> {
            List<WriteUnit<?>> batch = first;
            while (batch != null) {
                runBatch.accept(batch);
                batch = nextBatch();
            }
        });
    }

    /** The next batch, or null (and no batch running) if no unit waits. */
    private List<WriteUnit<?>> nextBatch() {
        lock.lock();
        try {
            if (queue.isEmpty()) {
                running = false;
                return null;
            }
            return takeBatch();
        } finally {
            lock.unlock();
        }
    }

    private List<WriteUnit<?>> takeBatch() {
        List<WriteUnit<?>> batch = new ArrayList<>();
        if (queue.peek().alone()) {
            batch.add(queue.poll());
            return batch;
        }
        while (!queue.isEmpty() && batch.size() < MAX_BATCH && !queue.peek().alone()) {
            batch.add(queue.poll());
        }
        return batch;
    }

    private static ExecutorService committers() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(COMMITTERS, COMMITTERS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), Thread.ofPlatform().name("cairn-commit-", 0).daemon().factory());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
