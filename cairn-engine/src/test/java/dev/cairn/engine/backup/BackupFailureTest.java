package dev.cairn.engine.backup;

import static dev.cairn.engine.backup.EngineFixture.backup;
import static dev.cairn.engine.backup.EngineFixture.restored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobStore;
import dev.cairn.blob.LocalBlobStore;
import dev.cairn.engine.check.CheckOptions;
import dev.cairn.engine.check.CheckResult;
import dev.cairn.engine.check.Checker;
import dev.cairn.engine.check.Severity;
import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.restore.RestoreResult;
import dev.cairn.testkit.ObservedBlobStore;
import dev.cairn.testkit.RandomTreeOptions;
import dev.cairn.testkit.TestTree;
import dev.cairn.testkit.TreeAssert;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/** Failures mid-backup, damaged packs and concurrent writers leave a consistent repository and lose nothing committed. */
class BackupFailureTest {
    @TempDir
    Path tmp;

    /** Each kind of write a backup makes fails once: the pack, the index, the snapshot; whole, or with half of it stored. */
    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("failedWrites")
    void aFailedWriteOfAnyKindLeavesNoSnapshotAndARepositoryThatChecksAndBacksUpAgain(BlobKind kind, boolean halfWritten)
            throws Exception {
        Path source = Files.createDirectories(tmp.resolve("src"));
        TestTree.random(12, RandomTreeOptions.defaults().withMediumFiles(4, 1 << 20)).materialize(source);
        LocalBlobStore local = LocalBlobStore.create(tmp.resolve("repo"));
        EngineFixture.init(local).close();
        List<BlobName> attempted = new CopyOnWriteArrayList<>();
        IOException full = new IOException("No space left on device");
        BlobStore failing = ObservedBlobStore.wrap(local, new ObservedBlobStore.Observer() {
            @Override
            public void putStarting(BlobName name) throws IOException {
                attempted.add(name);
                if (name.kind() == kind && !halfWritten) {
                    throw full;
                }
            }

            @Override
            public void putHalfway(BlobName name) throws IOException {
                if (name.kind() == kind) {
                    assertThat(tempFiles()).as("half of %s is in a temp file", name).isNotEmpty();
                    throw full;
                }
            }
        });
        try (Repository repo = EngineFixture.open(failing)) {
            assertThatThrownBy(() -> backup(repo, source)).isInstanceOf(IOException.class).hasMessageContaining("No space left");
        }
        assertThat(attempted).as("the failure hit a write of %s", kind).anySatisfy(n -> assertThat(n.kind()).isEqualTo(kind));
        assertThat(attempted.getLast().kind()).as("nothing was written after the failed one").isEqualTo(kind);
        try (Repository repo = EngineFixture.open(local)) {
            assertThat(repo.list(BlobKind.SNAPSHOT)).as("a backup is visible only once its snapshot is written").isEmpty();
            assertThat(tempFiles()).as("the store removed the half-written object").isEmpty();
            CheckResult check = Checker.create(repo, CheckOptions.readAll(), null).run();
            assertThat(check.ok()).as("%s", check.findings()).isTrue();
            backup(repo, source);
            EngineFixture.restoreLatest(repo, tmp.resolve("target"));
            TreeAssert.assertSameTree(source, restored(tmp.resolve("target"), source));
        }
    }

    private List<Path> tempFiles() throws IOException {
        try (Stream<Path> files = Files.list(tmp.resolve("repo/tmp"))) {
            return files.toList();
        }
    }

    static Stream<Arguments> failedWrites() {
        return Stream.of(BlobKind.PACK, BlobKind.INDEX, BlobKind.SNAPSHOT)
                .flatMap(kind -> Stream.of(Arguments.of(kind, false), Arguments.of(kind, true)));
    }

    @Test
    void aDamagedPackIsNamedByCheckAndOtherFilesStillRestore() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("src"));
        Files.write(source.resolve("a.bin"), dev.cairn.testkit.DeterministicRandom.bytes(1, 3 << 20));
        Files.write(source.resolve("b.bin"), dev.cairn.testkit.DeterministicRandom.bytes(2, 3 << 20));
        try (LocalBlobStore store = LocalBlobStore.create(tmp.resolve("repo")); Repository repo = EngineFixture.init(store)) {
            BackupResult result = backup(repo, source);
            dev.cairn.engine.index.BlobLocation firstOfA = firstDataBlobOf(repo, source.resolve("a.bin"));
            String packWithA = firstOfA.pack().hex();
            Path packFile = tmp.resolve("repo/data").resolve(packWithA.substring(0, 2)).resolve(packWithA);
            byte[] bytes = Files.readAllBytes(packFile);
            bytes[(int) firstOfA.offset() + 100] ^= 0x40; // inside a's blob: b's chunks may share the pack (two readers)
            packFile.toFile().setWritable(true);
            Files.write(packFile, bytes);
            CheckResult check = Checker.create(repo, CheckOptions.readAll(), null).run();
            assertThat(check.ok()).isFalse();
            assertThat(check.findings()).anySatisfy(f -> {
                assertThat(f.severity()).isEqualTo(Severity.ERROR);
                assertThat(f.object()).contains(packWithA.substring(0, 8));
                assertThat(String.join(",", f.affectedSnapshots())).contains(result.snapshotId().substring(0, 8));
            });
            RestoreResult restore = EngineFixture.restoreLatest(repo, tmp.resolve("target"));
            assertThat(restore.errors()).isPositive();
            assertThat(restored(tmp.resolve("target"), source).resolve("b.bin")).hasSameBinaryContentAs(source.resolve("b.bin"));
        }
    }

    @Test
    void twoConcurrentBackupsIntoOneRepositoryBothSucceed() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a"));
        Path b = Files.createDirectories(tmp.resolve("b"));
        TestTree.random(21, RandomTreeOptions.defaults().withLargeFiles(0, 0)).materialize(a);
        TestTree.random(22, RandomTreeOptions.defaults().withLargeFiles(0, 0)).materialize(b);
        LocalBlobStore store = LocalBlobStore.create(tmp.resolve("repo"));
        EngineFixture.init(store).close();
        try (Repository r1 = EngineFixture.open(store); Repository r2 = EngineFixture.open(store)) {
            CompletableFuture<BackupResult> f1 = CompletableFuture.supplyAsync(() -> run(r1, a));
            CompletableFuture<BackupResult> f2 = CompletableFuture.supplyAsync(() -> run(r2, b));
            assertThat(List.of(f1.join().snapshot().partial(), f2.join().snapshot().partial())).containsOnly(false);
        }
        try (Repository repo = EngineFixture.open(store)) {
            assertThat(repo.list(BlobKind.SNAPSHOT)).hasSize(2);
            assertThat(Checker.create(repo, CheckOptions.readAll(), null).run().ok()).isTrue();
        }
    }

    private static BackupResult run(Repository repo, Path source) {
        try {
            return backup(repo, source);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static dev.cairn.engine.index.BlobLocation firstDataBlobOf(Repository repo, Path file) throws IOException {
        var snapshot = dev.cairn.engine.snapshot.Snapshots.resolve(repo, "latest", dev.cairn.engine.snapshot.Snapshots.ALL);
        var tree = dev.cairn.engine.snapshot.Snapshots.loadTree(repo, snapshot.snapshot().tree());
        Path abs = file.toAbsolutePath();
        for (Path part : abs.getParent()) {
            var dir = tree.nodes().stream().filter(n -> n.name().equals(part.toString())).findFirst().orElseThrow();
            tree = dev.cairn.engine.snapshot.Snapshots.loadTree(repo, dir.subtree());
        }
        var node = tree.nodes().stream().filter(n -> n.name().equals(abs.getFileName().toString())).findFirst().orElseThrow();
        return repo.index().lookup(dev.cairn.engine.id.BlobId.parse(node.content().get(0)));
    }
}
