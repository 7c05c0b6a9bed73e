package dev.cairn.workspace.write;

import dev.cairn.workspace.members.Caller;
import java.time.InstantSource;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * One caller's write, waiting in a {@link WriterLane} for a batch: the body, then its outcome. The outcome is staged
 * while the batch runs and published only when the batch's transaction ended: a staged result after the commit
 * succeeded, the commit's failure otherwise. Outcomes are written by the committer before it counts the latch down
 * and read by the caller after it (the latch orders them).
 */
final class WriteUnit<T> {
    final Caller caller;
    final InstantSource clock;
    final Function<WriteTx, T> body;
    private final boolean alone;
    private T result;
    private Throwable failure;
    private final CountDownLatch done = new CountDownLatch(1);

    WriteUnit(Caller caller, InstantSource clock, Function<WriteTx, T> body, boolean alone) {
        this.caller = caller;
        this.clock = clock;
        this.body = body;
        this.alone = alone;
    }

    /** Whether this unit runs in a batch of its own (imports, schema changes: large or rare work). */
    boolean alone() {
        return alone;
    }

    void stage(T value) {
        this.result = value;
    }

    /** Records the unit's own failure (its changes were rolled back); kept even if the batch fails later. */
    void fail(Throwable e) {
        this.failure = e;
    }

    boolean failed() {
        return failure != null;
    }

    /** Publishes the outcome: the staged result, or {@code batchFailure} if not null and the unit had not failed. */
    void complete(Throwable batchFailure) {
        if (failure == null && batchFailure != null) {
            failure = batchFailure;
            result = null;
        }
        done.countDown();
    }

    /** Parks until {@link #complete} ran (an interrupt is remembered, not thrown: the write's outcome is awaited). */
    void awaitDone() {
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The result, or the failure rethrown (unchecked failures as they are). */
    T outcome() {
        if (failure == null) {
            return result;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("the write failed: " + failure, failure);
    }
}
