package dev.cairn.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobOp;
import dev.cairn.blob.MemoryBlobStore;
import dev.cairn.blob.TransientBlobStoreException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class FaultyBlobStoreTest {
    private static final BlobName A = BlobName.of(BlobKind.PACK, "aa".repeat(32));
    private static final BlobName B = BlobName.of(BlobKind.SNAPSHOT, "bb".repeat(32));

    private final MemoryBlobStore memory = MemoryBlobStore.create();
    private final FaultyBlobStore store = FaultyBlobStore.wrap(memory);
    private final IOException boom = new TransientBlobStoreException("boom");

    @Test
    void failOnFailsOnlyThatCallAndTheStoreIsNotReached() throws IOException {
        store.failOn(BlobOp.PUT, 2, boom);
        store.put(A, new byte[] {1});
        assertThatThrownBy(() -> store.put(B, new byte[] {2})).isSameAs(boom);
        assertThat(memory.exists(B)).isFalse();
        store.put(B, new byte[] {3});
        assertThat(store.calls(BlobOp.PUT)).isEqualTo(3);
    }

    @Test
    void failFromFailsEveryLaterCall() throws IOException {
        store.failFrom(BlobOp.LIST, 2, boom);
        store.list(BlobKind.PACK);
        assertThatThrownBy(() -> store.list(BlobKind.PACK)).isSameAs(boom);
        assertThatThrownBy(() -> store.list(BlobKind.LOCK)).isSameAs(boom);
    }

    @Test
    void failWhenSelectsByName() throws IOException {
        store.failWhen(BlobOp.PUT, name -> name.kind() == BlobKind.SNAPSHOT, boom);
        store.put(A, new byte[] {1});
        assertThatThrownBy(() -> store.put(B, new byte[] {1})).isSameAs(boom);
    }

    @Test
    void failAfterCompletesTheCallThenThrows() throws IOException {
        store.failAfter(BlobOp.PUT, 1, boom);
        assertThatThrownBy(() -> store.put(A, new byte[] {7})).isSameAs(boom);
        assertThat(memory.exists(A)).isTrue();
    }

    @Test
    void failPutAfterBytesBreaksTheContentStreamSoNothingIsStored() {
        store.failPutAfterBytes(1, 100, boom);
        assertThatThrownBy(() -> store.put(A, new byte[1000])).isSameAs(boom);
        assertThat(memory.list(BlobKind.PACK)).isEmpty();
    }

    @Test
    void corruptFlipsExactlyTheChosenByteInWholeAndRangedReads() throws IOException {
        byte[] content = DeterministicRandom.bytes(1, 1000);
        memory.put(A, content);
        store.corrupt(A, 500).corrupt(A, 10, 0x01);
        byte[] expected = content.clone();
        expected[500] ^= (byte) 0xff;
        expected[10] ^= 0x01;
        assertThat(store.getAll(A)).isEqualTo(expected);
        assertThat(store.getRange(A, 490, 20)).containsExactly(java.util.Arrays.copyOfRange(expected, 490, 510));
        assertThat(store.getRange(A, 600, 10)).containsExactly(java.util.Arrays.copyOfRange(content, 600, 610));
        assertThat(memory.getAll(A)).isEqualTo(content);
    }

    @Test
    void resetClearsFaultsCorruptionAndCounts() throws IOException {
        memory.put(A, new byte[] {1});
        store.failFrom(BlobOp.GET, 1, boom).corrupt(A, 0);
        store.reset();
        assertThat(store.getAll(A)).containsExactly(1);
        assertThat(store.calls(BlobOp.GET)).isEqualTo(1);
    }
}
