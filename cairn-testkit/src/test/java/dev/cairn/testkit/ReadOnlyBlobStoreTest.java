package dev.cairn.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.blob.BlobInfo;
import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobStore;
import dev.cairn.blob.MemoryBlobStore;
import dev.cairn.blob.ReadOnlyBlobStore;
import dev.cairn.blob.ReadOnlyBlobStoreException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ReadOnlyBlobStoreTest {
    private static final BlobName NAME = BlobName.of(BlobKind.SNAPSHOT, "5a".repeat(32));

    private final MemoryBlobStore memory = MemoryBlobStore.create();
    private final BlobStore store = ReadOnlyBlobStore.wrap(memory);

    @Test
    void readsPassThrough() throws IOException {
        memory.put(NAME, new byte[] {1, 2});
        assertThat(store.getAll(NAME)).containsExactly(1, 2);
        assertThat(store.getRange(NAME, 1, 1)).containsExactly(2);
        assertThat(store.list(BlobKind.SNAPSHOT).stream().map(BlobInfo::withoutStoredAt)).containsExactly(new BlobInfo(NAME, 2));
        assertThat(store.exists(NAME)).isTrue();
    }

    @Test
    void putsAreRefusedWithoutReadingTheContent() {
        CloseTrackingInputStream content = new CloseTrackingInputStream(new byte[] {1});
        assertThatThrownBy(() -> store.put(NAME, content, 1))
                .isInstanceOf(ReadOnlyBlobStoreException.class)
                .hasMessageContaining("cannot put " + NAME).hasMessageContaining("read-only");
        assertThatThrownBy(() -> store.put(NAME, new byte[] {1})).isInstanceOf(ReadOnlyBlobStoreException.class);
        assertThat(content.available()).isEqualTo(1);
        assertThat(memory.list(BlobKind.SNAPSHOT)).isEmpty();
    }

    @Test
    void deletesAreRefusedAndTheObjectStays() throws IOException {
        memory.put(NAME, new byte[] {1});
        assertThatThrownBy(() -> store.delete(NAME))
                .isInstanceOf(ReadOnlyBlobStoreException.class).hasMessageContaining("cannot delete " + NAME);
        assertThat(memory.exists(NAME)).isTrue();
    }
}
