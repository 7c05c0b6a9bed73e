package dev.cairn.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.blob.BlobInfo;
import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobNotFoundException;
import dev.cairn.blob.LocalBlobStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where {@link LocalBlobStore} puts things on disk, and what it makes of foreign files there. */
class LocalBlobStoreLayoutTest {
    private static final String PACK_ID = "ab" + "0123456789abcdef".repeat(3) + "0123456789abcd";
    private static final String OTHER_ID = "cd" + "0123456789abcdef".repeat(3) + "0123456789abcd";

    @TempDir
    Path dir;

    @Test
    void createMakesEveryDirectoryOfTheLayout() throws IOException {
        Path root = LocalBlobStore.create(dir.resolve("new/store")).root();
        for (String kindDir : new String[] {"data", "keys", "index", "snapshots", "locks", "tmp"}) {
            assertThat(root.resolve(kindDir)).isDirectory();
        }
        try (Stream<Path> shards = Files.list(root.resolve("data"))) {
            assertThat(shards.map(p -> p.getFileName().toString()))
                    .hasSize(256).contains("00", "0a", "ab", "ff").allMatch(s -> s.matches("[0-9a-f]{2}"));
        }
        assertThat(root.resolve("config")).doesNotExist();
    }

    @Test
    void createOverAnExistingStoreKeepsItsObjects() throws IOException {
        LocalBlobStore.create(dir).put(BlobName.CONFIG, new byte[] {7});
        assertThat(LocalBlobStore.create(dir).getAll(BlobName.CONFIG)).containsExactly(7);
    }

    @Test
    void objectsLandWhereTheLayoutSays() throws IOException {
        LocalBlobStore store = LocalBlobStore.create(dir);
        store.put(BlobName.CONFIG, new byte[] {1});
        store.put(BlobName.of(BlobKind.PACK, PACK_ID), new byte[] {2});
        store.put(BlobName.of(BlobKind.SNAPSHOT, OTHER_ID), new byte[] {3});
        assertThat(Files.readAllBytes(dir.resolve("config"))).containsExactly(1);
        assertThat(Files.readAllBytes(dir.resolve("data/ab/" + PACK_ID))).containsExactly(2);
        assertThat(Files.readAllBytes(dir.resolve("snapshots/" + OTHER_ID))).containsExactly(3);
        assertThat(dir.resolve("tmp")).isEmptyDirectory();
    }

    @Test
    void storedFilesAreReadableByTheOwnerOnly() throws IOException {
        LocalBlobStore store = LocalBlobStore.create(dir);
        store.put(BlobName.of(BlobKind.KEY, OTHER_ID), new byte[] {1});
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("keys/" + OTHER_ID))))
                .isEqualTo("rw-------");
    }

    @Test
    void listSkipsFilesThatAreNotObjects() throws IOException {
        LocalBlobStore store = LocalBlobStore.create(dir);
        BlobName pack = BlobName.of(BlobKind.PACK, PACK_ID);
        store.put(pack, new byte[] {1, 2});
        Files.writeString(dir.resolve("data/ab/README"), "not an object");
        Files.writeString(dir.resolve("data/ab/ABCDEF0123"), "upper case is not a valid id");
        Files.writeString(dir.resolve("data/ab/" + OTHER_ID), "valid id in the wrong shard");
        Files.createDirectories(dir.resolve("data/zz"));
        Files.writeString(dir.resolve("data/zz/" + PACK_ID.replace("ab", "zz")), "not a shard");
        Files.writeString(dir.resolve("data/" + PACK_ID), "pack outside any shard");
        Files.delete(dir.resolve("data/ef"));
        Files.writeString(dir.resolve("data/ef"), "a file where a shard directory belongs");
        Files.writeString(dir.resolve("tmp/data-123.tmp"), "a put in progress");
        Files.createDirectories(dir.resolve("keys/" + OTHER_ID));
        Files.writeString(dir.resolve("keys/" + OTHER_ID + ".tmp"), "editor leftover");
        assertThat(store.list(BlobKind.PACK).stream().map(BlobInfo::withoutStoredAt)).containsExactly(new BlobInfo(pack, 2));
        assertThat(store.list(BlobKind.KEY)).isEmpty();
    }

    @Test
    void missingShardDirectoriesAreCreatedOnPut() throws IOException {
        LocalBlobStore store = LocalBlobStore.create(dir);
        Files.delete(dir.resolve("data/ab"));
        Files.delete(dir.resolve("tmp"));
        BlobName pack = BlobName.of(BlobKind.PACK, PACK_ID);
        store.put(pack, new byte[] {5});
        assertThat(store.getAll(pack)).containsExactly(5);
    }

    @Test
    void openOfAMissingDirectorySaysWhatToDo() {
        assertThatThrownBy(() -> LocalBlobStore.open(dir.resolve("nope")))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("does not exist").hasMessageContaining("mounted").hasMessageContaining("init");
    }

    @Test
    void openOfADirectoryThatIsNoStoreSaysSo() {
        assertThatThrownBy(() -> LocalBlobStore.open(dir))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("not a blob store");
    }

    @Test
    void openCreatesNothing() throws IOException {
        Files.createDirectory(dir.resolve("data"));
        LocalBlobStore store = LocalBlobStore.open(dir);
        assertThat(store.list(BlobKind.LOCK)).isEmpty();
        try (Stream<Path> entries = Files.list(dir)) {
            assertThat(entries).containsExactly(dir.resolve("data"));
        }
    }

    @Test
    void aVanishedRootIsReportedAsSuchNotAsAMissingObject() throws IOException {
        Path root = dir.resolve("store");
        LocalBlobStore store = LocalBlobStore.create(root);
        Files.move(root, dir.resolve("elsewhere"));
        BlobName name = BlobName.of(BlobKind.INDEX, OTHER_ID);
        assertThatThrownBy(() -> store.get(name))
                .isInstanceOf(NoSuchFileException.class).isNotInstanceOf(BlobNotFoundException.class)
                .hasMessageContaining("mounted");
        assertThatThrownBy(() -> store.list(BlobKind.INDEX)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> store.put(name, new byte[1])).isInstanceOf(NoSuchFileException.class);
        assertThat(root).doesNotExist();
    }
}
