package dev.cairn.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.blob.BlobAlreadyExistsException;
import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobOp;
import dev.cairn.blob.LocalBlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@link LocalBlobStore} behaves when puts fail, race, or meet an unwritable directory. */
class LocalBlobStoreFailureTest {
    private static final BlobName PACK = BlobName.of(BlobKind.PACK, "ab".repeat(32));

    @TempDir
    Path dir;

    @Test
    void aShortStreamLeavesNoTempFile() throws IOException {
        LocalBlobStore store = LocalBlobStore.create(dir);
        assertThatThrownBy(() -> store.put(PACK, new ByteArrayInputStream(new byte[10]), 11))
                .hasMessageContaining("nothing was stored");
        assertThat(dir.resolve("tmp")).isEmptyDirectory();
        assertThat(dir.resolve("data/ab")).isEmptyDirectory();
    }

    @Test
    void aWriteThatFailsMidwayLeavesNoTempFile() throws IOException {
        IOException diskFull = new IOException("No space left on device");
        FaultyBlobStore store = FaultyBlobStore.wrap(LocalBlobStore.create(dir))
                .failPutAfterBytes(1, 300_000, diskFull);
        assertThatThrownBy(() -> store.put(PACK, DeterministicRandom.stream(1, 1_000_000), 1_000_000))
                .isSameAs(diskFull);
        assertThat(dir.resolve("tmp")).isEmptyDirectory();
        assertThat(store.exists(PACK)).isFalse();
        assertThat(store.calls(BlobOp.PUT)).isEqualTo(1);
    }

    @Test
    void racingPutsFromSeparateStoreInstancesHaveOneWinner() throws Exception {
        LocalBlobStore.create(dir);
        List<Boolean> won = Concurrently.run(6, t -> {
            try {
                LocalBlobStore.open(dir).put(PACK, DeterministicRandom.bytes(t, 200_000));
                return true;
            } catch (BlobAlreadyExistsException e) {
                return false;
            }
        });
        assertThat(won).containsOnlyOnce(true);
        assertThat(Files.readAllBytes(dir.resolve("data/ab/" + PACK.id())))
                .isEqualTo(DeterministicRandom.bytes(won.indexOf(true), 200_000));
        assertThat(dir.resolve("tmp")).isEmptyDirectory();
    }

    @Test
    void anUnwritableTempDirectoryGivesAnErrorThatSaysWhatToFix() throws IOException {
        LocalBlobStore store = LocalBlobStore.create(dir);
        try (WriteProtection _ = WriteProtection.of(dir.resolve("tmp"))) {
            assertThatThrownBy(() -> store.put(PACK, new byte[] {1}))
                    .isInstanceOf(AccessDeniedException.class)
                    .hasMessageContaining("permission denied").hasMessageContaining("nothing was stored")
                    .hasMessageContaining(dir.toString()).hasMessageContaining("chown");
        }
        assertThat(store.exists(PACK)).isFalse();
    }

    @Test
    void anUnwritableShardGivesAClearErrorAndLeavesNoTempFile() throws IOException {
        LocalBlobStore store = LocalBlobStore.create(dir);
        try (WriteProtection _ = WriteProtection.of(dir.resolve("data/ab"))) {
            assertThatThrownBy(() -> store.put(PACK, new byte[] {1}))
                    .isInstanceOf(AccessDeniedException.class).hasMessageContaining("permission denied");
        }
        assertThat(dir.resolve("tmp")).isEmptyDirectory();
        assertThat(store.exists(PACK)).isFalse();
    }

    @Test
    void deletingFromAnUnwritableDirectoryGivesAClearError() throws IOException {
        LocalBlobStore store = LocalBlobStore.create(dir);
        store.put(PACK, new byte[] {1});
        try (WriteProtection _ = WriteProtection.of(dir.resolve("data/ab"))) {
            assertThatThrownBy(() -> store.delete(PACK))
                    .isInstanceOf(AccessDeniedException.class).hasMessageContaining("cannot delete " + PACK);
        }
        assertThat(store.exists(PACK)).isTrue();
    }

    @Test
    void anUnwritableStoreCanStillBeOpenedAndRead() throws IOException {
        LocalBlobStore.create(dir).put(PACK, new byte[] {4, 2});
        try (WriteProtection _ = WriteProtection.of(dir.resolve("tmp"))) {
            assertThat(LocalBlobStore.open(dir).getAll(PACK)).containsExactly(4, 2);
        }
    }

    @Test
    void creatingAStoreInAnUnwritableDirectorySaysWhatToFix() throws IOException {
        try (WriteProtection _ = WriteProtection.of(dir)) {
            assertThatThrownBy(() -> LocalBlobStore.create(dir.resolve("store")))
                    .isInstanceOf(AccessDeniedException.class)
                    .hasMessageContaining("permission denied").hasMessageContaining("needs access");
        }
    }
}
