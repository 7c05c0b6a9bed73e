package dev.cairn.engine.restore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobNotFoundException;
import dev.cairn.engine.fixture.StoredObjects;
import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.index.BlobLocation;
import dev.cairn.engine.repo.CorruptDataException;
import dev.cairn.engine.snapshot.Node;
import dev.cairn.engine.snapshot.SnapshotRef;
import dev.cairn.engine.snapshot.Snapshots;
import dev.cairn.engine.snapshot.Tree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("damaged repositories and tampered targets")
class RestoreFailureTest {
    @TempDir
    Path tmp;
    private Path src;
    private Path target;
    private TestRepo t;
    private SnapshotRef snap;

    @BeforeEach
    void backUp() throws IOException {
        src = Files.createDirectories(tmp.resolve("src"));
        Files.write(src.resolve("victim.bin"), Sources.random(3 * TestRepo.CHUNK, 10));
        Files.write(src.resolve("ok.bin"), Sources.random(2 * TestRepo.CHUNK + 7, 11));
        Files.writeString(src.resolve("ok.txt"), "fine\n");
        Files.write(src.resolve("empty"), new byte[0]);
        Files.createDirectories(src.resolve("dir/sub"));
        Files.writeString(src.resolve("dir/sub/inner.txt"), "inner\n");
        Files.createSymbolicLink(src.resolve("link"), Path.of("ok.txt"));
        Sources.stampTimes(src);
        target = tmp.resolve("target");
        t = new TestRepo();
        snap = t.backup(src);
    }

    private RestoreResult restore(RecordingListener listener) throws IOException {
        return Restorer.create(t.repo, RestoreOptions.defaults().withVerify(true), listener).restore(snap, target);
    }

    @Test
    @DisplayName("a flipped byte in a data blob fails only the file using it, which is kept as a partial file")
    void flippedByte() throws IOException {
        Node victim = node("victim.bin");
        BlobLocation loc = t.repo.index().lookup(BlobId.parse(victim.content().get(1)));
        flip(BlobName.of(BlobKind.PACK, loc.pack().hex()), loc.offset() + loc.length() / 2);
        RecordingListener listener = new RecordingListener();

        RestoreResult result = restore(listener);

        assertThat(listener.errors).containsOnlyKeys(src + "/victim.bin");
        assertThat(listener.errors.get(src + "/victim.bin")).isInstanceOf(CorruptDataException.class);
        assertThat(result.errors()).isEqualTo(1);
        assertThat(result.files()).isEqualTo(4);
        assertThat(result.verified()).isEqualTo(4);
        Path out = TestRepo.restored(target, src);
        assertThat(out.resolve("victim.bin")).doesNotExist();
        byte[] partial = Files.readAllBytes(out.resolve("victim.bin" + PartialNames.SUFFIX));
        byte[] original = Files.readAllBytes(src.resolve("victim.bin"));
        int c = TestRepo.CHUNK;
        assertThat(partial).hasSameSizeAs(original);
        assertThat(Arrays.copyOfRange(partial, 0, c)).isEqualTo(Arrays.copyOfRange(original, 0, c));
        assertThat(Arrays.copyOfRange(partial, c, 2 * c)).isEqualTo(new byte[c]);
        assertThat(Arrays.copyOfRange(partial, 2 * c, 3 * c)).isEqualTo(Arrays.copyOfRange(original, 2 * c, 3 * c));
        assertThat(without(TreeListing.of(out), "victim.bin" + PartialNames.SUFFIX))
                .isEqualTo(without(TreeListing.of(src), "victim.bin"));
    }

    @Test
    @DisplayName("once the pack is repaired, restoring again completes the file and removes the partial file")
    void repairedPack() throws IOException {
        Node victim = node("victim.bin");
        BlobLocation loc = t.repo.index().lookup(BlobId.parse(victim.content().get(0)));
        BlobName pack = BlobName.of(BlobKind.PACK, loc.pack().hex());
        flip(pack, loc.offset() + 1);
        assertThat(restore(new RecordingListener()).errors()).isEqualTo(1);
        flip(pack, loc.offset() + 1);

        RestoreResult again = restore(new RecordingListener());

        assertThat(again.errors()).isZero();
        assertThat(again.verified()).isEqualTo(5);
        assertThat(TreeListing.of(TestRepo.restored(target, src))).isEqualTo(TreeListing.of(src));
    }

    @Test
    @DisplayName("a missing pack fails the files stored in it; everything else is restored")
    void missingPack() throws IOException {
        BlobLocation loc = t.repo.index().lookup(BlobId.parse(node("ok.txt").content().get(0)));
        t.store.delete(BlobName.of(BlobKind.PACK, loc.pack().hex()));
        RecordingListener listener = new RecordingListener();

        RestoreResult result = restore(listener);

        assertThat(listener.errors).containsOnlyKeys(src + "/victim.bin", src + "/ok.bin", src + "/ok.txt", src + "/dir/sub/inner.txt");
        assertThat(listener.errors.values()).allMatch(e -> e instanceof BlobNotFoundException);
        assertThat(result.files()).isEqualTo(1);
        assertThat(result.symlinks()).isEqualTo(1);
        Path out = TestRepo.restored(target, src);
        assertThat(out.resolve("empty")).isEmptyFile();
        assertThat(out.resolve("ok.txt")).doesNotExist();
        assertThat(TreeListing.describe(out.resolve("dir/sub"))).isEqualTo(TreeListing.describe(src.resolve("dir/sub")));
    }

    @Test
    @DisplayName("a damaged tree fails its directory's content only")
    void damagedTree() throws IOException {
        BlobLocation loc = t.repo.index().lookup(BlobId.parse(node("dir").subtree()));
        flip(BlobName.of(BlobKind.PACK, loc.pack().hex()), loc.offset() + 3);
        RecordingListener listener = new RecordingListener();

        RestoreResult result = restore(listener);

        assertThat(listener.errors).containsOnlyKeys(src + "/dir");
        assertThat(listener.errors.get(src + "/dir")).isInstanceOf(CorruptDataException.class);
        assertThat(result.files()).isEqualTo(4);
        Path out = TestRepo.restored(target, src);
        assertThat(out.resolve("dir")).isEmptyDirectory();
        assertThat(out.resolve("victim.bin")).hasSameBinaryContentAs(src.resolve("victim.bin"));
    }

    @Test
    @DisplayName("verification reports restored files changed afterwards")
    void verifyDetectsTampering() throws IOException {
        assertThat(restore(new RecordingListener()).verified()).isEqualTo(5);
        Path out = TestRepo.restored(target, src);
        byte[] b = Files.readAllBytes(out.resolve("ok.bin"));
        b[TestRepo.CHUNK + 5] ^= 1;
        Files.write(out.resolve("ok.bin"), b);
        Files.write(out.resolve("ok.txt"), new byte[] {'!'}, StandardOpenOption.APPEND);
        Files.delete(out.resolve("empty"));
        RecordingListener listener = new RecordingListener();

        RestoreResult result = Restorer.create(t.repo, RestoreOptions.defaults(), listener).verify(snap, target);

        assertThat(result.verified()).isEqualTo(2);
        assertThat(result.errors()).isEqualTo(3);
        assertThat(listener.errors.get(src + "/ok.bin")).isInstanceOf(RestoreMismatchException.class)
                .hasMessageContaining("bytes 65536-131072 (blob 2 of 3)");
        assertThat(listener.errors.get(src + "/ok.txt")).isInstanceOf(RestoreMismatchException.class).hasMessageContaining("longer");
        assertThat(listener.errors.get(src + "/empty")).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    @DisplayName("restoring again repairs tampered files")
    void restoreAgainRepairs() throws IOException {
        restore(new RecordingListener());
        Path out = TestRepo.restored(target, src);
        Files.write(out.resolve("victim.bin"), new byte[3 * TestRepo.CHUNK]);

        RestoreResult result = restore(new RecordingListener());

        assertThat(result.errors()).isZero();
        assertThat(out.resolve("victim.bin")).hasSameBinaryContentAs(src.resolve("victim.bin"));
    }

    private Node node(String relative) throws IOException {
        Tree tree = Snapshots.loadTree(t.repo, snap.snapshot().tree());
        Node node = null;
        for (Path name : src.resolve(relative)) {
            node = tree.nodes().stream().filter(n -> n.name().equals(name.toString())).findFirst().orElseThrow();
            if (node.isDir()) {
                tree = Snapshots.loadTree(t.repo, node.subtree());
            }
        }
        return node;
    }

    /** Replaces a stored object by a copy with one bit flipped (objects are immutable, so delete and put). */
    private void flip(BlobName name, long offset) throws IOException {
        StoredObjects.flipBits(t.store, name, offset, 0x40);
    }

    private static Map<String, String> without(Map<String, String> listing, String key) {
        Map<String, String> out = new TreeMap<>(listing);
        out.remove(key);
        return out;
    }
}
