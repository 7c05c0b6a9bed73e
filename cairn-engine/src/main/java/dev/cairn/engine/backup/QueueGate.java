package dev.cairn.engine.backup;

/**
 * Bounds the files queued for the reader pool or being read. {@link #enter()} waits while {@code limit} are; once it has
 * had to wait, it resumes only when the readers are down to {@code resume}, so a full queue costs the walk one wake-up
 * per {@code limit - resume} files instead of one per file (each wake-up is a futex call and a context switch on both
 * sides, which on a tree of small files cost about as much as reading them).
 *
 * <p>Thread-safety: all methods are thread-safe; waiting is uninterruptible (an interrupt is kept for the caller).
 */
final class QueueGate {
    private final int limit;
    private final int resume;
    private int inFlight;
    private boolean waiting;

    /** @param limit most files under way at once; @param resume how few let a waiting walk go on (0 ≤ resume &lt; limit) */
    QueueGate(int limit, int resume) {
        if (limit < 1 || resume < 0 || resume >= limit) {
            throw new IllegalArgumentException("need 0 <= resume < limit, got " + resume + " and " + limit);
        }
        this.limit = limit;
        this.resume = resume;
    }

    /** Takes a place, first waiting (uninterruptibly) while the queue is full and has not drained to {@code resume}. */
    synchronized void enter() {
        boolean interrupted = false;
        while (inFlight >= limit || waiting) {
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

    /** Gives a place back; wakes the waiting walk once the queue is down to {@code resume}. */
    synchronized void leave() {
        inFlight--;
        if (waiting && inFlight <= resume) {
            waiting = false;
            notifyAll();
        }
    }

    /** Places taken now (for tests). */
    synchronized int inFlight() {
        return inFlight;
    }
}
