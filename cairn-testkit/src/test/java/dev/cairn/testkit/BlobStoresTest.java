package dev.cairn.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobStore;
import dev.cairn.blob.BlobStores;
import dev.cairn.blob.LocalBlobStore;
import dev.cairn.blob.MemoryBlobStore;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobStoresTest {
    @TempDir
    Path dir;

    @Test
    void plainPathsAndFileUrisOpenALocalStore() throws IOException {
        LocalBlobStore.create(dir).put(BlobName.CONFIG, new byte[] {1});
        for (String location : new String[] {dir.toString(), "file:" + dir, "file://" + dir, "file://localhost" + dir,
                dir.toUri().toString()}) {
            BlobStore store = BlobStores.open(location);
            assertThat(store).as(location).isInstanceOf(LocalBlobStore.class);
            assertThat(((LocalBlobStore) store).root()).isEqualTo(dir.toAbsolutePath());
            assertThat(store.getAll(BlobName.CONFIG)).containsExactly(1);
        }
    }

    @Test
    void createMakesTheStoreAndOpenDoesNot() throws IOException {
        Path root = dir.resolve("with space/ünïcode");
        assertThatThrownBy(() -> BlobStores.open(root.toString())).isInstanceOf(NoSuchFileException.class);
        BlobStores.create(root.toUri().toString()).put(BlobName.CONFIG, new byte[] {2});
        assertThat(BlobStores.open(root.toString()).getAll(BlobName.CONFIG)).containsExactly(2);
    }

    @Test
    void aDriveLetterIsAPathNotAScheme() {
        assertThatThrownBy(() -> BlobStores.open("C:\\backups\\nope")).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void unknownSchemesNameTheSupportedOnes() {
        assertThatThrownBy(() -> BlobStores.open("s3://key:secret@bucket/prefix"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'s3:'").hasMessageContaining("supported: file, testmem")
                .message().doesNotContain("secret");
    }

    @Test
    void providersOnTheClassPathAddSchemes() throws IOException {
        assertThat(BlobStores.supportedSchemes()).containsExactly("file", "testmem");
        assertThat(BlobStores.open("TESTMEM:anything")).isInstanceOf(MemoryBlobStore.class);
    }

    @Test
    void remoteFileHostsAndBlankLocationsAreRejected() {
        assertThatThrownBy(() -> BlobStores.open("file://nas/backups"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mount");
        assertThatThrownBy(() -> BlobStores.open(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
