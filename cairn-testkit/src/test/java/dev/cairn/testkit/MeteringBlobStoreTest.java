package dev.cairn.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.blob.BlobAlreadyExistsException;
import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobNotFoundException;
import dev.cairn.blob.BlobOp;
import dev.cairn.blob.BlobStoreMetrics;
import dev.cairn.blob.MemoryBlobStore;
import dev.cairn.blob.MeteringBlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class MeteringBlobStoreTest {
    private static final BlobName A = BlobName.of(BlobKind.PACK, "aa".repeat(32));
    private static final BlobName B = BlobName.of(BlobKind.INDEX, "bb".repeat(32));

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final MeteringBlobStore store = MeteringBlobStore.wrap(MemoryBlobStore.create(),
            (op, bytes, failed) -> events.add(op + " " + bytes + (failed ? " failed" : "")));

    @Test
    void aNewStoreHasZeroForEveryOperation() {
        BlobStoreMetrics metrics = store.metrics();
        for (BlobOp op : BlobOp.values()) {
            assertThat(metrics.of(op)).isEqualTo(BlobStoreMetrics.OpMetrics.NONE);
        }
    }

    @Test
    void countsRequestsAndBytesPerOperation() throws IOException {
        store.put(A, new byte[1000]);
        store.put(B, new ByteArrayInputStream(new byte[500]), 500);
        assertThat(store.getAll(A)).hasSize(1000);
        assertThat(store.getRange(B, 100, 50)).hasSize(50);
        store.exists(A);
        store.list(BlobKind.PACK);
        store.delete(B);
        BlobStoreMetrics metrics = store.metrics();
        assertThat(metrics.bytesWritten()).isEqualTo(1500);
        assertThat(metrics.bytesRead()).isEqualTo(1050);
        assertThat(metrics.requests(BlobOp.PUT)).isEqualTo(2);
        assertThat(metrics.requests(BlobOp.GET)).isEqualTo(2);
        assertThat(metrics.requests(BlobOp.STAT)).isEqualTo(1);
        assertThat(metrics.requests(BlobOp.LIST)).isEqualTo(1);
        assertThat(metrics.requests(BlobOp.DELETE)).isEqualTo(1);
        assertThat(events).containsExactly("PUT 1000", "PUT 500", "GET 1000", "GET 50", "STAT 0", "LIST 0", "DELETE 0");
    }

    @Test
    void failuresAreCountedAndMoveNoBytes() throws IOException {
        store.put(A, new byte[10]);
        assertThatThrownBy(() -> store.put(A, new byte[10])).isInstanceOf(BlobAlreadyExistsException.class);
        assertThatThrownBy(() -> store.get(B)).isInstanceOf(BlobNotFoundException.class);
        BlobStoreMetrics metrics = store.metrics();
        assertThat(metrics.of(BlobOp.PUT)).isEqualTo(new BlobStoreMetrics.OpMetrics(2, 1, 10));
        assertThat(metrics.of(BlobOp.GET)).isEqualTo(new BlobStoreMetrics.OpMetrics(1, 1, 0));
    }

    @Test
    void aGetIsCountedOnceWhenClosedWithTheBytesActuallyRead() throws IOException {
        store.put(A, new byte[1000]);
        InputStream in = store.get(A);
        in.readNBytes(10);
        assertThat(store.metrics().requests(BlobOp.GET)).isZero();
        in.close();
        in.close();
        assertThat(store.metrics().of(BlobOp.GET)).isEqualTo(new BlobStoreMetrics.OpMetrics(1, 0, 10));
    }

    @Test
    void countsStayExactUnderConcurrency() throws Exception {
        Concurrently.run(8, t -> {
            for (int i = 0; i < 50; i++) {
                store.put(BlobName.of(BlobKind.LOCK, String.format("%08x%08x", t, i)), new byte[3]);
            }
            return null;
        });
        assertThat(store.metrics().of(BlobOp.PUT)).isEqualTo(new BlobStoreMetrics.OpMetrics(400, 0, 1200));
    }
}
