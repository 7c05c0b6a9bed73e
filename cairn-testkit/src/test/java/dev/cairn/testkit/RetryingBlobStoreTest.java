package dev.cairn.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.blob.BlobAlreadyExistsException;
import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobNotFoundException;
import dev.cairn.blob.BlobOp;
import dev.cairn.blob.MemoryBlobStore;
import dev.cairn.blob.RetryPolicy;
import dev.cairn.blob.RetryingBlobStore;
import dev.cairn.blob.TransientBlobStoreException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryingBlobStoreTest {
    private static final BlobName NAME = BlobName.of(BlobKind.PACK, "0f".repeat(32));
    private static final RetryPolicy POLICY = new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(3), 2);

    private final MemoryBlobStore memory = MemoryBlobStore.create();
    private final FaultyBlobStore faulty = FaultyBlobStore.wrap(memory);
    private final FakeSleeper sleeper = FakeSleeper.recording();
    private final RetryingBlobStore store = RetryingBlobStore.wrap(faulty, POLICY, sleeper);

    @Test
    void transientFailuresAreRetriedWithGrowingBackoff() throws IOException {
        memory.put(NAME, new byte[] {1});
        faulty.failOn(BlobOp.GET, 1, transientError()).failOn(BlobOp.GET, 2, transientError())
                .failOn(BlobOp.GET, 3, transientError());
        assertThat(store.getAll(NAME)).containsExactly(1);
        assertThat(faulty.calls(BlobOp.GET)).isEqualTo(4);
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3));
    }

    @Test
    void givesUpAfterMaxAttemptsWithEveryFailureAttached() {
        TransientBlobStoreException last = transientError();
        faulty.failOn(BlobOp.STAT, 4, last).failFrom(BlobOp.STAT, 1, transientError());
        assertThatThrownBy(() -> store.stat(NAME))
                .isInstanceOf(TransientBlobStoreException.class)
                .hasMessageContaining("failed 4 times").hasMessageContaining(NAME.toString())
                .hasCause(last)
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(3));
        assertThat(faulty.calls(BlobOp.STAT)).isEqualTo(4);
        assertThat(sleeper.sleeps()).hasSize(3);
    }

    @Test
    void permanentFailuresAreNotRetried() {
        IOException permanent = new IOException("bad request");
        faulty.failFrom(BlobOp.LIST, 1, permanent);
        assertThatThrownBy(() -> store.list(BlobKind.PACK)).isSameAs(permanent);
        assertThatThrownBy(() -> store.delete(NAME)).isInstanceOf(BlobNotFoundException.class);
        assertThat(faulty.calls(BlobOp.LIST)).isEqualTo(1);
        assertThat(faulty.calls(BlobOp.DELETE)).isEqualTo(1);
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void byteArrayPutsAreRetried() throws IOException {
        faulty.failOn(BlobOp.PUT, 1, transientError());
        store.put(NAME, new byte[] {1, 2, 3});
        assertThat(memory.getAll(NAME)).containsExactly(1, 2, 3);
        assertThat(faulty.calls(BlobOp.PUT)).isEqualTo(2);
    }

    @Test
    void aPutWhoseAnswerWasLostCountsAsDoneWhenTheStoredBytesMatch() throws IOException {
        faulty.failAfter(BlobOp.PUT, 1, transientError());
        store.put(NAME, new byte[] {1, 2, 3});
        assertThat(memory.getAll(NAME)).containsExactly(1, 2, 3);
        assertThat(faulty.calls(BlobOp.PUT)).isEqualTo(2);
    }

    @Test
    void aRetryThatFindsSomeoneElsesBytesReportsAlreadyExists() throws IOException {
        faulty.failOn(BlobOp.PUT, 1, transientError());
        RetryingBlobStore racing = RetryingBlobStore.wrap(faulty, POLICY, d -> putQuietly(NAME, new byte[] {9}));
        assertThatThrownBy(() -> racing.put(NAME, new byte[] {1, 2, 3}))
                .isInstanceOf(BlobAlreadyExistsException.class);
        assertThat(memory.getAll(NAME)).containsExactly(9);
    }

    @Test
    void aFirstAttemptThatFindsTheNameTakenIsNotRetried() throws IOException {
        memory.put(NAME, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> store.put(NAME, new byte[] {1, 2, 3})).isInstanceOf(BlobAlreadyExistsException.class);
        assertThat(faulty.calls(BlobOp.PUT)).isEqualTo(1);
    }

    @Test
    void streamingPutsThatCanResetAreReplayedFromTheStart() throws IOException {
        faulty.failPutAfterBytes(1, 5000, transientError());
        store.put(NAME, new ByteArrayInputStream(DeterministicRandom.bytes(3, 10_000)), 10_000);
        assertThat(memory.getAll(NAME)).isEqualTo(DeterministicRandom.bytes(3, 10_000));
        assertThat(faulty.calls(BlobOp.PUT)).isEqualTo(2);
    }

    @Test
    void streamingPutsThatCannotResetGetOneAttempt() {
        TransientBlobStoreException error = transientError();
        faulty.failOn(BlobOp.PUT, 1, error);
        assertThatThrownBy(() -> store.put(NAME, new NoMarkStream(new byte[10]), 10)).isSameAs(error);
        assertThat(faulty.calls(BlobOp.PUT)).isEqualTo(1);
    }

    @Test
    void aDeleteWhoseAnswerWasLostCountsAsDone() throws IOException {
        memory.put(NAME, new byte[1]);
        faulty.failAfter(BlobOp.DELETE, 1, transientError());
        store.delete(NAME);
        assertThat(memory.exists(NAME)).isFalse();
    }

    @Test
    void anInterruptDuringBackoffStopsRetryingAndKeepsTheFlag() {
        faulty.failFrom(BlobOp.STAT, 1, transientError());
        RetryingBlobStore interrupted = RetryingBlobStore.wrap(faulty, POLICY, d -> {
            throw new InterruptedException();
        });
        try {
            assertThatThrownBy(() -> interrupted.stat(NAME)).isInstanceOf(InterruptedIOException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(faulty.calls(BlobOp.STAT)).isEqualTo(1);
    }

    /** Another writer, acting while the retrying store waits. */
    private void putQuietly(BlobName name, byte[] content) {
        try {
            memory.put(name, content);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static TransientBlobStoreException transientError() {
        return new TransientBlobStoreException("503 slow down");
    }

    /** A stream without mark support, as from a socket. */
    private static final class NoMarkStream extends ByteArrayInputStream {
        NoMarkStream(byte[] bytes) {
            super(bytes);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
