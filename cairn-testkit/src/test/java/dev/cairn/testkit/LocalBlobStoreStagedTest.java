package dev.cairn.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.blob.BlobAlreadyExistsException;
import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobNotFoundException;
import dev.cairn.blob.LocalBlobStore;
import dev.cairn.blob.StagedBlob;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A staged object (a pack written before its name is known) is published in place: the stored object is the staged file
 * itself, byte for byte; one never published, published under a taken name or with the wrong length stores nothing;
 * a sweep of abandoned temp files while it is being written leaves it alone; and no temp file is left behind.
 */
class LocalBlobStoreStagedTest {
    private static final BlobName NAME = BlobName.of(BlobKind.PACK, "cd".repeat(32));

    @TempDir
    Path dir;

    private static void write(StagedBlob staged, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            staged.channel().write(b);
        }
    }

    private void assertNoTempFiles() throws IOException {
        try (var temps = Files.list(dir.resolve("store").resolve("tmp"))) {
            assertThat(temps).isEmpty();
        }
    }

    @Test
    void aPublishedObjectIsTheStagedFileByteForByte() throws Exception {
        LocalBlobStore store = LocalBlobStore.create(dir.resolve("store"));
        byte[] bytes = DeterministicRandom.bytes(5, 3 << 20);
        try (StagedBlob staged = store.stage(BlobKind.PACK)) {
            write(staged, bytes);
            LocalBlobStore.open(dir.resolve("store")); // sweeps abandoned temp files: a staged one is not abandoned
            staged.publish(NAME, bytes.length);
        }
        try (var in = store.get(NAME)) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        assertNoTempFiles();
    }

    @Test
    void anObjectClosedUnpublishedStoresNothing() throws Exception {
        LocalBlobStore store = LocalBlobStore.create(dir.resolve("store"));
        try (StagedBlob staged = store.stage(BlobKind.PACK)) {
            write(staged, new byte[1000]);
        }
        assertThat(store.list(BlobKind.PACK)).isEmpty();
        assertNoTempFiles();
    }

    @Test
    void aTakenNameIsNeverOverwritten() throws Exception {
        LocalBlobStore store = LocalBlobStore.create(dir.resolve("store"));
        store.put(NAME, new ByteArrayInputStream(new byte[] {1, 2, 3}), 3);
        try (StagedBlob staged = store.stage(BlobKind.PACK)) {
            write(staged, new byte[] {9, 9, 9});
            assertThatThrownBy(() -> staged.publish(NAME, 3)).isInstanceOf(BlobAlreadyExistsException.class);
        }
        try (var in = store.get(NAME)) {
            assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
        }
        assertNoTempFiles();
    }

    @Test
    void aLengthThatDoesNotMatchStoresNothing() throws Exception {
        LocalBlobStore store = LocalBlobStore.create(dir.resolve("store"));
        try (StagedBlob staged = store.stage(BlobKind.PACK)) {
            write(staged, new byte[100]);
            assertThatThrownBy(() -> staged.publish(NAME, 101)).isInstanceOf(IOException.class)
                    .hasMessageContaining("nothing was stored").hasMessageContaining("100 bytes were written");
        }
        assertThatThrownBy(() -> store.get(NAME)).isInstanceOf(BlobNotFoundException.class);
        assertNoTempFiles();
    }

    @Test
    void anObjectIsPublishedOnlyOnceAndOnlyAsItsKind() throws Exception {
        LocalBlobStore store = LocalBlobStore.create(dir.resolve("store"));
        try (StagedBlob staged = store.stage(BlobKind.PACK)) {
            write(staged, new byte[10]);
            assertThatThrownBy(() -> staged.publish(BlobName.of(BlobKind.INDEX, "ef".repeat(32)), 10))
                    .isInstanceOf(IllegalArgumentException.class);
            staged.publish(NAME, 10);
            assertThatThrownBy(() -> staged.publish(NAME, 10)).isInstanceOf(IllegalStateException.class);
        }
        assertThat(store.stat(NAME).size()).isEqualTo(10);
        assertNoTempFiles();
    }
}
