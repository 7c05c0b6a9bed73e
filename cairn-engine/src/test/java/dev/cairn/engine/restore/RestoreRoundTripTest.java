package dev.cairn.engine.restore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.engine.snapshot.Node;
import dev.cairn.engine.snapshot.SnapshotRef;
import dev.cairn.engine.snapshot.Snapshots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("restore reproduces the backed-up tree")
class RestoreRoundTripTest {
    private static final long FILES = 14;
    @TempDir
    Path tmp;
    private Path src;
    private Path target;
    private TestRepo t;
    private SnapshotRef snap;

    @BeforeEach
    void backUp() throws IOException {
        src = Sources.standard(tmp.resolve("src"));
        target = tmp.resolve("target");
        t = new TestRepo();
        snap = t.backup(src);
    }

    private RestoreResult restore(RestoreOptions options, RestoreListener listener) throws IOException {
        return Restorer.create(t.repo, options, listener).restore(snap, target);
    }

    @Test
    @DisplayName("content, empty files and dirs, unicode and long names, symlinks, modes and mtimes")
    void roundTrip() throws IOException {
        RecordingListener listener = new RecordingListener();
        RestoreResult result = restore(RestoreOptions.defaults(), listener);

        assertThat(TreeListing.of(TestRepo.restored(target, src))).isEqualTo(TreeListing.of(src));
        assertThat(listener.errors).isEmpty();
        assertThat(result.errors()).isZero();
        assertThat(result.files()).isEqualTo(FILES);
        assertThat(result.symlinks()).isEqualTo(4);
        assertThat(result.dirs()).isEqualTo(8 + src.getNameCount());
        assertThat(listener.totalFiles).isEqualTo(FILES);
        assertThat(listener.totalBytes).isEqualTo(result.bytes()).isEqualTo(sizeOfFiles(src));
        assertThat(listener.restored).hasSize((int) FILES).contains(src + "/" + Sources.UNICODE);
    }

    @Test
    @DisplayName("parent directories of the backed-up path get their metadata too")
    void parentDirectories() throws IOException {
        restore(RestoreOptions.defaults(), RestoreListener.NONE);

        Node stored = nodeOf(src.getParent());
        Path restoredParent = TestRepo.restored(target, src).getParent();
        assertThat((Integer) Files.getAttribute(restoredParent, "unix:mode") & 07777).isEqualTo(stored.mode());
        assertThat(Files.getLastModifiedTime(restoredParent).to(TimeUnit.NANOSECONDS)).isEqualTo(stored.mtimeNs());
    }

    @Test
    @DisplayName("no partial files are left after a clean restore")
    void noPartials() throws IOException {
        restore(RestoreOptions.defaults().withWorkers(1), RestoreListener.NONE);

        assertThat(TreeListing.of(target).keySet()).noneMatch(k -> k.contains(PartialNames.SUFFIX));
    }

    @Test
    @DisplayName("into a non-empty target, only files whose content differs are rewritten; stale partial files go")
    void overwritesOnlyChangedFiles() throws IOException {
        restore(RestoreOptions.defaults(), RestoreListener.NONE);
        Path out = TestRepo.restored(target, src);
        Files.writeString(out.resolve("small.txt"), "HELLO, WORLD\n");
        Files.write(out.resolve("nested/deeper/deepest/file.txt"), new byte[] {1, 2, 3});
        Files.setAttribute(out.resolve("multi.bin"), "unix:mode", 0600);
        Files.writeString(out.resolve("multi.bin" + PartialNames.SUFFIX), "stale, from an earlier failed restore");
        Object unchangedKey = fileKey(out.resolve("multi.bin"));
        Object changedKey = fileKey(out.resolve("small.txt"));

        RestoreResult again = restore(RestoreOptions.defaults(), RestoreListener.NONE);

        assertThat(TreeListing.of(out)).isEqualTo(TreeListing.of(src));
        assertThat(again.files()).isEqualTo(FILES);
        assertThat(fileKey(out.resolve("multi.bin"))).isEqualTo(unchangedKey);
        assertThat(fileKey(out.resolve("small.txt"))).isNotEqualTo(changedKey);
    }

    @Test
    @DisplayName("an interrupted restore run again: partial files, half-written files and missing directories are all made whole")
    void interruptedRestoreRunAgain() throws IOException {
        restore(RestoreOptions.defaults(), RestoreListener.NONE);
        Path out = TestRepo.restored(target, src);
        // what a kill leaves: a directory not yet reached, a file half-written under its partial name beside no final
        // name, and a file cut short under its final name (written in place)
        try (var walk = Files.walk(out.resolve("nested"))) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        byte[] multi = Files.readAllBytes(out.resolve("multi.bin"));
        Files.delete(out.resolve("multi.bin"));
        Files.write(out.resolve("multi.bin" + PartialNames.SUFFIX), java.util.Arrays.copyOf(multi, multi.length / 2));
        Files.write(out.resolve("small.txt"), new byte[3]);
        RecordingListener listener = new RecordingListener();

        RestoreResult again = restore(RestoreOptions.defaults(), listener);

        assertThat(listener.errors).isEmpty();
        assertThat(again.files()).isEqualTo(FILES);
        assertThat(TreeListing.of(out)).isEqualTo(TreeListing.of(src));
    }

    @Test
    @DisplayName("a symlink in the target where a directory goes is replaced, never followed out of the target")
    void symlinkInTargetIsNotFollowed() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Path first = src.getRoot().resolve(src.getName(0));
        Files.createDirectories(target);
        Files.createSymbolicLink(target.resolve(first.getFileName().toString()), outside);

        RestoreResult result = restore(RestoreOptions.defaults(), RestoreListener.NONE);

        assertThat(result.errors()).isZero();
        assertThat(Files.isSymbolicLink(target.resolve(first.getFileName().toString()))).isFalse();
        assertThat(outside).isEmptyDirectory();
        assertThat(TreeListing.of(TestRepo.restored(target, src))).isEqualTo(TreeListing.of(src));
    }

    @Test
    @DisplayName("a file where a directory of the snapshot goes is replaced; a directory where a file goes is an error")
    void typeConflicts() throws IOException {
        Path out = TestRepo.restored(target, src);
        Files.createDirectories(out.resolve("small.txt"));
        Files.writeString(out.resolve("small.txt/keep"), "mine");
        Files.writeString(out.resolve("emptydir"), "a file in the way");
        RecordingListener listener = new RecordingListener();

        RestoreResult result = restore(RestoreOptions.defaults(), listener);

        assertThat(listener.errors).containsOnlyKeys(src + "/small.txt");
        assertThat(result.errors()).isEqualTo(1);
        assertThat(out.resolve("small.txt/keep")).hasContent("mine");
        assertThat(out.resolve("emptydir")).isEmptyDirectory();
    }

    @Test
    @DisplayName("with verify, every restored file is re-read and counted")
    void verifyCountsFiles() throws IOException {
        RestoreResult result = restore(RestoreOptions.defaults().withVerify(true), RestoreListener.NONE);

        assertThat(result.verified()).isEqualTo(FILES);
        assertThat(result.errors()).isZero();
    }

    @Test
    @DisplayName("a snapshot of a single file restores that file with its parents")
    void singleFile() throws IOException {
        SnapshotRef one = t.backup(src.resolve("multi.bin"));

        RestoreResult result = Restorer.create(t.repo, RestoreOptions.defaults(), RestoreListener.NONE).restore(one, target);

        assertThat(result.files()).isEqualTo(1);
        assertThat(TestRepo.restored(target, src.resolve("multi.bin"))).hasSameBinaryContentAs(src.resolve("multi.bin"));
    }

    private static long sizeOfFiles(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static Object fileKey(Path p) throws IOException {
        return Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS);
    }

    /** The stored node of an absolute path. */
    private Node nodeOf(Path dir) throws IOException {
        var tree = Snapshots.loadTree(t.repo, snap.snapshot().tree());
        Node node = null;
        for (Path name : dir) {
            node = tree.nodes().stream().filter(n -> n.name().equals(name.toString())).findFirst().orElseThrow();
            tree = Snapshots.loadTree(t.repo, node.subtree());
        }
        return node;
    }
}
