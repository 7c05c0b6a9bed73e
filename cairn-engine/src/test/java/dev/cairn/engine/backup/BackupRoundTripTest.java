package dev.cairn.engine.backup;

import static dev.cairn.engine.backup.EngineFixture.backup;
import static dev.cairn.engine.backup.EngineFixture.restoreLatest;
import static dev.cairn.engine.backup.EngineFixture.restored;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.blob.LocalBlobStore;
import dev.cairn.engine.check.CheckOptions;
import dev.cairn.engine.check.Checker;
import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.restore.RestoreResult;
import dev.cairn.testkit.RandomTreeOptions;
import dev.cairn.testkit.TestTree;
import dev.cairn.testkit.TreeAssert;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Backup → restore reproduces seeded random trees exactly, through the real archiver, store and restorer. */
class BackupRoundTripTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void randomTreesRoundTrip(long seed) throws Exception {
        Path source = Files.createDirectories(tmp.resolve("src"));
        TestTree.random(seed, RandomTreeOptions.defaults().withLargeFiles(1, 12L << 20)).materialize(source);
        try (LocalBlobStore store = LocalBlobStore.create(tmp.resolve("repo")); Repository repo = EngineFixture.init(store)) {
            BackupResult result = backup(repo, source);
            assertThat(result.snapshot().partial()).isFalse();
            RestoreResult restoredResult = restoreLatest(repo, tmp.resolve("target"));
            assertThat(restoredResult.errors()).isZero();
            TreeAssert.assertSameTree(source, restored(tmp.resolve("target"), source));
            assertThat(Checker.create(repo, CheckOptions.readAll(), null).run().ok()).isTrue();
        }
    }

    @Test
    @DisplayName("a multi-GiB sparse-ish file round-trips and dedups its zero runs")
    void multiGibSparseFile() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("big"));
        Path file = source.resolve("disk.img");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(2L << 30);
            byte[] noise = dev.cairn.testkit.DeterministicRandom.bytes(9, 3 << 20);
            for (long at : new long[] {0, 700L << 20, (2L << 30) - noise.length}) {
                raf.seek(at);
                raf.write(noise);
            }
        }
        try (LocalBlobStore store = LocalBlobStore.create(tmp.resolve("repo")); Repository repo = EngineFixture.init(store)) {
            BackupResult result = backup(repo, source);
            assertThat(result.snapshot().summary().totalBytes()).isEqualTo(2L << 30);
            assertThat(result.snapshot().summary().dataAdded()).isLessThan(64L << 20);
            restoreLatest(repo, tmp.resolve("target"));
            TreeAssert.assertSameTree(source, restored(tmp.resolve("target"), source));
        }
    }

    @Test
    @DisplayName("a large directory is stored in tree parts, restored whole, and a new file changes only its part")
    void largeDirectoryInParts() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("src"));
        Path big = Files.createDirectories(source.resolve("big"));
        for (int i = 0; i < 6000; i++) {
            Files.writeString(big.resolve(String.format("f%05d", i)), "file " + i);
        }
        try (LocalBlobStore store = LocalBlobStore.create(tmp.resolve("repo")); Repository repo = EngineFixture.init(store)) {
            BackupResult first = backup(repo, source);
            String bigTree = treeOf(repo, first.snapshot().tree(), big);
            int parts = dev.cairn.engine.snapshot.TreeCursor.open(repo, bigTree).parts();
            assertThat(parts).isGreaterThan(2);
            restoreLatest(repo, tmp.resolve("target"));
            TreeAssert.assertSameTree(source, restored(tmp.resolve("target"), source));

            long blobs = repo.index().blobCount();
            BackupResult unchanged = backup(repo, source);
            assertThat(treeOf(repo, unchanged.snapshot().tree(), big)).isEqualTo(bigTree);
            // only the levels above the source can change (the restore above wrote into their directory)
            assertThat(repo.index().blobCount() - blobs).isLessThanOrEqualTo(source.getNameCount());

            blobs = repo.index().blobCount();
            Files.writeString(big.resolve("f02500a"), "one more");
            backup(repo, source);
            // the new file's blob, one or two parts, the parts list, and the levels above: not one blob per part
            assertThat(repo.index().blobCount() - blobs).isLessThanOrEqualTo(1 + 2 + 1 + big.getNameCount());
            assertThat(Checker.create(repo, CheckOptions.readAll(), null).run().ok()).isTrue();
        }
    }

    /** The tree id of the directory {@code dir} (an absolute path) in the snapshot whose root tree is {@code root}. */
    private static String treeOf(Repository repo, String root, Path dir) throws java.io.IOException {
        String tree = root;
        for (Path name : dir.getRoot().relativize(dir)) {
            dev.cairn.engine.snapshot.TreeCursor c = dev.cairn.engine.snapshot.TreeCursor.open(repo, tree);
            dev.cairn.engine.snapshot.Node n = c.next();
            while (!n.name().equals(name.toString())) {
                n = c.next();
            }
            tree = n.subtree();
        }
        return tree;
    }

    @Test
    void incrementalBackupSkipsUnchangedFilesAndPicksUpChanges() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("src"));
        TestTree.random(5, RandomTreeOptions.defaults().withLargeFiles(0, 0)).materialize(source);
        try (LocalBlobStore store = LocalBlobStore.create(tmp.resolve("repo")); Repository repo = EngineFixture.init(store)) {
            BackupResult first = backup(repo, source);
            BackupResult second = backup(repo, source);
            assertThat(second.snapshot().parent()).isEqualTo(first.snapshotId());
            assertThat(second.snapshot().summary().filesUnmodified()).isEqualTo(first.snapshot().summary().totalFiles());
            assertThat(second.snapshot().summary().dataBlobsAdded()).isZero();
            Files.writeString(source.resolve("changed.txt"), "new content");
            BackupResult third = backup(repo, source);
            assertThat(third.snapshot().summary().filesNew()).isEqualTo(1);
            restoreLatest(repo, tmp.resolve("target"));
            TreeAssert.assertSameTree(source, restored(tmp.resolve("target"), source));
        }
    }

    @Test
    void excludesLeaveMatchingEntriesOut() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(source.resolve("keep.txt"), "keep");
        Files.writeString(source.resolve("skip.tmp"), "skip");
        Files.createDirectories(source.resolve("cache"));
        Files.writeString(source.resolve("cache/CACHEDIR.TAG"), "x");
        Files.writeString(source.resolve("cache/blob"), "cached");
        try (LocalBlobStore store = LocalBlobStore.create(tmp.resolve("repo")); Repository repo = EngineFixture.init(store)) {
            ArchiverOptions options = ArchiverOptions.defaults().withExcludes(java.util.List.of("*.tmp"), java.util.List.of("CACHEDIR.TAG"));
            Archiver.create(repo, options, null).run(java.util.List.of(source));
            restoreLatest(repo, tmp.resolve("target"));
            Path out = restored(tmp.resolve("target"), source);
            assertThat(out.resolve("keep.txt")).hasContent("keep");
            assertThat(out.resolve("skip.tmp")).doesNotExist();
            assertThat(out.resolve("cache/blob")).doesNotExist();
        }
    }
}
