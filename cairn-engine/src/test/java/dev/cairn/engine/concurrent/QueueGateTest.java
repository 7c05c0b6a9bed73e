package dev.cairn.engine.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A producer's bound on items under way: it waits when the queue is full and goes on only once it is down to the resume mark. */
class QueueGateTest {

    @Test
    void aFullQueueHoldsTheWalkUntilItIsDownToTheResumeMark() throws Exception {
        QueueGate gate = new QueueGate(4, 1);
        for (int i = 0; i < 4; i++) {
            gate.enter();
        }
        Thread walk = Thread.ofPlatform().start(gate::enter);
        awaitWaiting(walk);
        gate.leave();
        gate.leave(); // 2 under way: below the limit, above the resume mark
        Thread.sleep(50);
        assertThat(walk.getState()).isEqualTo(Thread.State.WAITING);
        Thread second = Thread.ofPlatform().start(gate::enter); // a second walk thread does not slip past the first
        awaitWaiting(second);
        gate.leave(); // 1 under way: both go on
        walk.join(TimeUnit.SECONDS.toMillis(10));
        second.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(walk.isAlive()).isFalse();
        assertThat(second.isAlive()).isFalse();
        assertThat(gate.inFlight()).isEqualTo(3);
    }

    @Test
    void belowTheLimitNobodyWaits() {
        QueueGate gate = new QueueGate(2, 0);
        gate.enter();
        gate.leave();
        gate.enter();
        gate.enter();
        assertThat(gate.inFlight()).isEqualTo(2);
    }

    @Test
    void anInterruptDoesNotLetTheWalkPastAFullQueueAndIsKept() throws Exception {
        QueueGate gate = new QueueGate(1, 0);
        gate.enter();
        boolean[] interrupted = new boolean[1];
        Thread walk = Thread.ofPlatform().start(() -> {
            gate.enter();
            interrupted[0] = Thread.currentThread().isInterrupted();
        });
        awaitWaiting(walk);
        walk.interrupt();
        Thread.sleep(50);
        assertThat(walk.isAlive()).isTrue();
        gate.leave();
        walk.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(walk.isAlive()).isFalse();
        assertThat(interrupted[0]).isTrue();
    }

    @Test
    void aTimedEnterGivesUpWhileTheQueueIsFullAndSucceedsOnceItDrained() throws Exception {
        QueueGate gate = new QueueGate(2, 0);
        gate.enter();
        gate.enter();
        assertThat(gate.tryEnter(20, TimeUnit.MILLISECONDS)).isFalse();
        gate.leave(); // 1 left: above the resume mark, the gate stays closed for a producer that had to wait
        assertThat(gate.tryEnter(20, TimeUnit.MILLISECONDS)).isFalse();
        gate.leave();
        assertThat(gate.tryEnter(20, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(gate.inFlight()).isEqualTo(1);
    }

    @Test
    void awaitEmptyReturnsWhenTheLastItemIsDone() throws Exception {
        QueueGate gate = new QueueGate(8, 4);
        gate.enter();
        gate.enter();
        assertThat(gate.awaitEmpty(20, TimeUnit.MILLISECONDS)).isFalse();
        Thread worker = Thread.ofPlatform().start(() -> {
            gate.leave();
            gate.leave();
        });
        assertThat(gate.awaitEmpty(10, TimeUnit.SECONDS)).isTrue();
        worker.join();
        assertThatThrownBy(gate::leave).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesAResumeMarkThatCouldNeverBeReached() {
        assertThatThrownBy(() -> new QueueGate(4, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QueueGate(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QueueGate(4, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void awaitWaiting(Thread t) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (t.getState() != Thread.State.WAITING) {
            assertThat(System.nanoTime()).as("thread waits on the gate").isLessThan(deadline);
            Thread.sleep(1);
        }
    }
}
