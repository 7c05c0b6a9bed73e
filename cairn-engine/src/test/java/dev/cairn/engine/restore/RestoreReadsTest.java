package dev.cairn.engine.restore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.engine.snapshot.SnapshotRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("how blobs are read and written")
class RestoreReadsTest {
    private static final int C = TestRepo.CHUNK;
    /** The default knobs, but every file restored on its own. */
    private static final Tuning FILE_BY_FILE = new Tuning(32L << 20, 4 << 20, 4L << 20);
    @TempDir
    Path tmp;
    private final TestRepo t;

    RestoreReadsTest() throws IOException {
        t = new TestRepo();
    }

    /**
     * Backs up one file and restores it; returns the pack reads the file took (tree reads subtracted: the snapshot has no
     * summary, so the restore walks the trees twice, once to count what it will restore).
     */
    private int fileReads(byte[] content, RestoreOptions options, Tuning tuning) throws IOException {
        Path file = tmp.resolve("src/file.bin");
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        SnapshotRef snap = t.backup(file);
        Path target = tmp.resolve("target");
        t.store.packRangeReads.set(0);

        RestoreResult r = Restorer.create(t.repo, options, RestoreListener.NONE, tuning).restore(snap, target);

        assertThat(r.errors()).isZero();
        assertThat(r.files()).isEqualTo(1);
        assertThat(TestRepo.restored(target, file)).hasBinaryContent(content);
        int treeReads = 2 * file.getNameCount();
        return t.store.packRangeReads.get() - treeReads;
    }

    @Test
    @DisplayName("back-to-back blobs of one pack are fetched with one ranged read")
    void coalesces() throws IOException {
        assertThat(fileReads(Sources.random(8 * C, 1), RestoreOptions.defaults(), Tuning.DEFAULT)).isEqualTo(1);
    }

    @Test
    @DisplayName("runs are cut at the run size limit")
    void runLimit() throws IOException {
        assertThat(fileReads(Sources.random(8 * C, 1), RestoreOptions.defaults(), new Tuning(1 << 30, 1, 1 << 20))).isEqualTo(8);
    }

    @Test
    @DisplayName("a blob used several times is read once and served from the cache")
    void duplicateBlobsAreCached() throws IOException {
        byte[] a = Sources.random(C, 2);
        byte[] content = Sources.concat(a, Sources.random(C, 3), a, a, Sources.random(1000, 4));

        assertThat(fileReads(content, RestoreOptions.defaults(), FILE_BY_FILE)).isEqualTo(2);
    }

    @Test
    @DisplayName("without the cache, each use of a duplicate blob is a read")
    void duplicateBlobsWithoutCache() throws IOException {
        byte[] a = Sources.random(C, 2);
        byte[] content = Sources.concat(a, Sources.random(C, 3), a, a, Sources.random(1000, 4));

        assertThat(fileReads(content, RestoreOptions.defaults(), new Tuning(1 << 30, 8 << 20, 0))).isEqualTo(4);
    }

    @Test
    @DisplayName("a large file split into segments across workers (and packs) is written at the right offsets")
    void splitsLargeFiles() throws IOException {
        byte[] content = Sources.random(40 * C + 17, 5);
        Tuning small = new Tuning(2 * C, 3 * C, 1 << 20);

        int reads = fileReads(content, RestoreOptions.defaults().withWorkers(4).withVerify(true), small);

        assertThat(reads).isGreaterThanOrEqualTo(21);
    }

    @Test
    @DisplayName("an empty file is created without reads")
    void emptyFile() throws IOException {
        assertThat(fileReads(new byte[0], RestoreOptions.defaults(), Tuning.DEFAULT)).isZero();
    }

    /** Backs up {@code count} small files in one directory and restores them; returns the pack reads the files took. */
    private int smallFilesReads(int count, Tuning tuning) throws IOException {
        Path dir = tmp.resolve("src/many");
        Files.createDirectories(dir);
        for (int i = 0; i < count; i++) {
            Files.write(dir.resolve("f" + i), Sources.random(1000 + 37 * i, 10 + i));
        }
        SnapshotRef snap = t.backup(dir);
        Path target = tmp.resolve("target");
        t.store.packRangeReads.set(0);

        RestoreResult r = Restorer.create(t.repo, RestoreOptions.defaults().withVerify(true), RestoreListener.NONE, tuning)
                .restore(snap, target);

        assertThat(r.errors()).isZero();
        assertThat(r.files()).isEqualTo(count);
        for (int i = 0; i < count; i++) {
            assertThat(TestRepo.restored(target, dir.resolve("f" + i))).hasBinaryContent(Sources.random(1000 + 37 * i, 10 + i));
        }
        return t.store.packRangeReads.get() - 2 * (dir.getNameCount() + 1); // one more tree: the directory itself
    }

    @Test
    @DisplayName("small files are restored in batches: the blobs of many files in one pack take one ranged read")
    void batchesSmallFiles() throws IOException {
        assertThat(smallFilesReads(40, Tuning.DEFAULT)).isEqualTo(1);
    }

    @Test
    @DisplayName("without batches, each small file is its own read")
    void smallFilesOneByOne() throws IOException {
        assertThat(smallFilesReads(40, FILE_BY_FILE)).isEqualTo(40);
    }

    @Test
    @DisplayName("a batch's reads are cut at the run size limit and batches at their file limit")
    void batchLimits() throws IOException {
        Tuning tiny = new Tuning(32L << 20, 4000, 0, 1 << 20, 7, 1 << 20);

        assertThat(smallFilesReads(40, tiny)).isGreaterThanOrEqualTo(10);
    }

    /** The packs that hold the chunks of {@code content} (fixed {@link TestRepo#CHUNK}-byte chunks). */
    private long packsOf(byte[] content) throws IOException {
        java.util.Set<dev.cairn.engine.id.BlobId> packs = new java.util.HashSet<>();
        for (int off = 0; off < content.length; off += C) {
            int len = Math.min(C, content.length - off);
            packs.add(t.repo.index().lookup(t.repo.codec().id(content, off, len)).pack());
        }
        return packs.size();
    }

    @Test
    @DisplayName("a large file is restored by pack: one streamed read per pack it spans")
    void largeFileOneReadPerPack() throws IOException {
        byte[] content = Sources.random(40 * C + 17, 6);

        int reads = fileReads(content, RestoreOptions.defaults().withVerify(true), Tuning.DEFAULT);

        assertThat(packsOf(content)).isGreaterThan(1);
        assertThat(reads).isEqualTo(packsOf(content));
    }

    @Test
    @DisplayName("a streamed read that breaks off mid-pack is resumed from the blob it broke in")
    void brokenReadIsResumed() throws IOException {
        byte[] content = Sources.random(40 * C + 17, 7);
        Path file = tmp.resolve("src/file.bin");
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        SnapshotRef snap = t.backup(file);
        Path target = tmp.resolve("target");
        t.store.packRangeReads.set(0);
        t.store.breakNextReadAfter.set(3 * C + 100);

        RestoreResult r = Restorer.create(t.repo, RestoreOptions.defaults(), RestoreListener.NONE, Tuning.DEFAULT)
                .restore(snap, target);

        assertThat(r.errors()).isZero();
        assertThat(TestRepo.restored(target, file)).hasBinaryContent(content);
        assertThat(t.store.breakNextReadAfter.get()).isZero();
        assertThat(t.store.packRangeReads.get() - 2 * file.getNameCount()).isEqualTo(packsOf(content) + 1);
    }
}
