package dev.cairn.engine.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.blob.LocalBlobStore;
import dev.cairn.engine.fixture.TestRepos;
import dev.cairn.engine.repo.Repository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pre-scan runs only for a listener that wants its totals, and the backup is the same either way. */
class PreScanTest {
    @TempDir
    Path tmp;

    /** Records every {@link #scanned} call. */
    private static final class Recorder implements BackupListener {
        final boolean wants;
        final List<long[]> calls = new CopyOnWriteArrayList<>();
        final CountDownLatch scanDone = new CountDownLatch(1);

        Recorder(boolean wants) {
            this.wants = wants;
        }

        @Override
        public boolean wantsTotals() {
            return wants;
        }

        @Override
        public void scanned(long files, long bytes, boolean done) {
            calls.add(new long[] {files, bytes, done ? 1 : 0});
            if (done) {
                scanDone.countDown();
            }
        }

        /** Holds the walk until the scan is done, so that the backup cannot end (and stop the scan) first. */
        @Override
        public void fileDone(String path, long size, FileState state) {
            try {
                if (wants && !scanDone.await(30, TimeUnit.SECONDS)) {
                    throw new AssertionError("no scan");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void scansOnlyWhenTheTotalsAreWanted() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("src/sub"));
        Files.writeString(source.resolve("a.txt"), "12345");
        Files.writeString(source.resolve("b.txt"), "123");
        Files.writeString(tmp.resolve("src/c.txt"), "1");
        try (LocalBlobStore store = LocalBlobStore.create(tmp.resolve("repo")); Repository repo = EngineFixture.init(store)) {
            Recorder wanting = new Recorder(true);
            BackupResult first = Archiver.create(repo, ArchiverOptions.defaults(), wanting).run(List.of(tmp.resolve("src")));
            Recorder quiet = new Recorder(false);
            BackupResult second = Archiver.create(repo, ArchiverOptions.defaults(), quiet).run(List.of(tmp.resolve("src")));

            assertThat(wanting.calls).anySatisfy(c -> assertThat(c).containsExactly(3, 9, 1));
            assertThat(quiet.calls).isEmpty();
            assertThat(BackupListener.NONE.wantsTotals()).isFalse();
            String src = tmp.resolve("src").toString(); // not the root tree: it holds /tmp's metadata, which others change
            assertThat(TestRepos.treeAt(repo, second.snapshot(), src)).isEqualTo(TestRepos.treeAt(repo, first.snapshot(),
                    src));
            assertThat(second.snapshot().summary().filesUnmodified()).isEqualTo(3);
        }
    }
}
