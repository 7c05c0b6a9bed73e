package dev.cairn.server.records;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The queue of one workspace's writers in this process, drained by one leader at a time (group commit, ADR 15).
 *
 * <p>A writer enqueues its unit and waits. When no batch is running, one waiting writer becomes the leader: it takes up
 * to {@link #MAX_BATCH} queued units (or one unit that must {@linkplain WriteUnit#alone run alone}), runs them as one
 * batch without holding the queue, and then wakes everyone. Writers whose unit was completed return; one of the others
 * leads the next batch. Waiting parks the (virtual) thread; no connection is held while waiting.
 */
final class WriterLane {
    /** The most units one batch (one transaction, one commit) takes. */
    static final int MAX_BATCH = 64;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition batchDone = lock.newCondition();
    private final ArrayDeque<WriteUnit<?>> queue = new ArrayDeque<>();
    private boolean leading;

    /**
     * Queues {@code unit}, waits until a batch completed it (leading batches while none runs) and returns its outcome.
     *
     * @param runBatch runs a batch and completes each of its units; must not throw
     */
    <T> T submit(WriteUnit<T> unit, Consumer<List<WriteUnit<?>>> runBatch) {
        lock.lock();
        try {
            queue.add(unit);
            while (!unit.isDone()) {
                if (leading) {
                    batchDone.awaitUninterruptibly();
                    continue;
                }
                leading = true;
                List<WriteUnit<?>> batch = takeBatch();
                lock.unlock();
                try {
                    runBatch.accept(batch);
                } finally {
                    lock.lock();
                    leading = false;
                    batchDone.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
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
}
