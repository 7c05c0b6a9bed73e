package dev.cairn.engine.concurrent;

import java.util.concurrent.TimeUnit;

/**
 * Bounds the work items a producer (a backup's walk, a restore's walk) has handed to a worker pool and that are not done.
 * A producer that finds {@code limit} items under way waits, and once it has had to wait it goes on only when the workers
 * are down to {@code resume}: a full queue then costs one wake-up per {@code limit - resume} items instead of one per item
 * (each wake-up is a futex call and a context switch on both sides, which for small files cost about as much as the file).
 *
 * <p>Thread-safety: all methods are thread-safe. Producers that arrive while one waits wait too, so none slips past it.
 */
public final class QueueGate {
    private final int limit;
    private final int resume;
    private int inFlight;
    private boolean waiting;
    private boolean awaitingEmpty;

    /**
     * @param limit  most items under way at once (≥ 1)
     * @param resume how few items let a waiting producer go on (0 ≤ resume &lt; limit)
     * @throws IllegalArgumentException for other values
     */
    public QueueGate(int limit, int resume) {
        if (limit < 1 || resume < 0 || resume >= limit) {
            throw new IllegalArgumentException("need 0 <= resume < limit, got " + resume + " and " + limit);
        }
        this.limit = limit;
        this.resume = resume;
    }

    /** Takes a place, first waiting while the gate is closed; waiting is uninterruptible (an interrupt is kept). */
    public synchronized void enter() {
        boolean interrupted = false;
        while (closed()) {
            waiting = true;
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        inFlight++;
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Takes a place if one opens within {@code timeout}; false if not (call again, after checking whatever made the caller
     * wait with a timeout).
     *
     * @throws InterruptedException if interrupted while waiting (no place taken)
     */
    public synchronized boolean tryEnter(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (closed()) {
            waiting = true;
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        inFlight++;
        return true;
    }

    /**
     * Waits until no item is under way; false if some still are after {@code timeout}.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public synchronized boolean awaitEmpty(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (inFlight > 0) {
            awaitingEmpty = true;
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** Gives a place back: wakes waiting producers once the items are down to {@code resume}, and waiters for none at 0. */
    public synchronized void leave() {
        if (inFlight == 0) {
            throw new IllegalStateException("leave() without a matching enter()");
        }
        inFlight--;
        boolean wake = false;
        if (waiting && inFlight <= resume) {
            waiting = false;
            wake = true;
        }
        if (awaitingEmpty && inFlight == 0) {
            awaitingEmpty = false;
            wake = true;
        }
        if (wake) {
            notifyAll();
        }
    }

    /** Items under way now. */
    public synchronized int inFlight() {
        return inFlight;
    }

    private boolean closed() {
        return inFlight >= limit || waiting;
    }
}
