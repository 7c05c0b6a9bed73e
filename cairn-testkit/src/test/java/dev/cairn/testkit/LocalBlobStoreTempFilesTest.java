package dev.cairn.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.LocalBlobStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Temp files of puts: those of a dead process go when the store is opened, however fresh; those a live process is
 * writing stay, whatever their age, until that process dies (here a second JVM, killed as {@code kill -9} would).
 */
class LocalBlobStoreTempFilesTest {
    @TempDir
    Path dir;

    private Path temp(String name, String content) throws Exception {
        Path temp = dir.resolve("tmp").resolve(name);
        Files.writeString(temp, content);
        return temp;
    }

    @Test
    void aTempFileNoProcessHoldsIsRemovedOnOpenHoweverFresh() throws Exception {
        LocalBlobStore.create(dir);
        Path abandoned = temp("data-abandoned.tmp", "half a pack");
        assertThat(abandoned).exists();
        LocalBlobStore.open(dir);
        assertThat(abandoned).doesNotExist();
    }

    @Test
    void aFreshEmptyTempFileMayBeAPutAboutToLockItAndStays() throws Exception {
        LocalBlobStore.create(dir);
        Path fresh = temp("data-fresh.tmp", "");
        Path oldEmpty = temp("data-old.tmp", "");
        Files.setLastModifiedTime(oldEmpty, FileTime.from(Instant.now().minusSeconds(60)));
        LocalBlobStore.open(dir);
        assertThat(fresh).exists();
        assertThat(oldEmpty).doesNotExist();
    }

    @Test
    void aTempFileOfALiveProcessStaysUntilThatProcessIsKilled() throws Exception {
        LocalBlobStore.create(dir);
        Path live = temp("data-live.tmp", "a put in progress");
        Files.setLastModifiedTime(live, FileTime.from(Instant.now().minusSeconds(7200)));
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LockHolder.class.getName(), live.toString()).redirectErrorStream(true).start();
        try {
            var out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("locked");
            LocalBlobStore.open(dir, InstantSource.system());
            assertThat(LocalBlobStore.removeAbandonedTemps(dir, InstantSource.system())).isZero();
            assertThat(live).as("held by a live process, though two hours old").exists();
        } finally {
            holder.destroyForcibly();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(LocalBlobStore.removeAbandonedTemps(dir, InstantSource.system())).isEqualTo(1);
        assertThat(live).doesNotExist();
    }

    @Test
    void aPutInProgressInThisProcessKeepsItsTempFileThroughAnOpen() throws Exception {
        LocalBlobStore store = LocalBlobStore.create(dir);
        BlobName name = BlobName.of(BlobKind.PACK, "ab".repeat(32));
        var content = new java.io.InputStream() {
            private int left = 1000;
            private boolean reopened;

            @Override
            public int read() throws java.io.IOException {
                if (left == 500 && !reopened) {
                    reopened = true;
                    LocalBlobStore.open(dir); // a sweep while the put is half written
                }
                return left-- > 0 ? 'x' : -1;
            }
        };
        store.put(name, content, 1000);
        assertThat(store.getAll(name)).hasSize(1000);
        assertThat(dir.resolve("tmp")).isEmptyDirectory();
    }
}
