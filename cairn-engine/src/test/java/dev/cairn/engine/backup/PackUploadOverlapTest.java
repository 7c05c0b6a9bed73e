package dev.cairn.engine.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobStore;
import dev.cairn.blob.LocalBlobStore;
import dev.cairn.engine.id.BlobType;
import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.repo.WriteSession;
import dev.cairn.testkit.DeterministicRandom;
import dev.cairn.testkit.ObservedBlobStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Full packs are stored on the session's uploader threads: sealing goes on while a pack is being written, a flush waits for
 * every upload before the index is written, and a failed upload fails the session.
 */
class PackUploadOverlapTest {
    private static final int BLOB = 600 << 10; // two of them fill the fixture's 1 MiB packs

    @TempDir
    Path tmp;

    @Test
    void savingGoesOnWhileAPackIsStoredAndFlushWaitsForIt() throws Exception {
        CountDownLatch storing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        BlobStore store = ObservedBlobStore.wrap(LocalBlobStore.create(tmp.resolve("repo")), new ObservedBlobStore.Observer() {
            @Override
            public void putStarting(BlobName name) {
                if (name.kind() == BlobKind.PACK && storing.getCount() > 0) {
                    storing.countDown();
                    await(release);
                }
            }
        });
        EngineFixture.init(store).close();
        try (Repository repo = EngineFixture.open(store); WriteSession session = repo.newWriteSession()) {
            WriteSession.Saved first = session.saveBlob(BlobType.DATA, DeterministicRandom.bytes(1, BLOB));
            WriteSession.Saved second = session.saveBlob(BlobType.DATA, DeterministicRandom.bytes(2, BLOB));
            assertThat(storing.await(30, TimeUnit.SECONDS)).as("the full pack is being stored").isTrue();
            WriteSession.Saved third = CompletableFuture.supplyAsync(() -> save(session, DeterministicRandom.bytes(3, BLOB)))
                    .get(30, TimeUnit.SECONDS); // would hang here if the upload ran on the saving thread
            CompletableFuture<Void> flush = CompletableFuture.runAsync(() -> flush(session));
            Thread.sleep(200);
            assertThat(flush).as("flush waits for the upload under way").isNotDone();
            release.countDown();
            flush.get(30, TimeUnit.SECONDS);
            for (WriteSession.Saved s : new WriteSession.Saved[] {first, second, third}) {
                assertThat(s.added()).isTrue();
                assertThat(repo.index().contains(s.id())).as("indexed after the flush").isTrue();
            }
            assertThat(session.packsWritten()).isEqualTo(2);
        }
    }

    @Test
    void aFailedUploadFailsTheSession() throws Exception {
        BlobStore store = ObservedBlobStore.wrap(LocalBlobStore.create(tmp.resolve("repo")), new ObservedBlobStore.Observer() {
            @Override
            public void putStarting(BlobName name) throws IOException {
                if (name.kind() == BlobKind.PACK) {
                    throw new IOException("No space left on device");
                }
            }
        });
        EngineFixture.init(store).close();
        try (Repository repo = EngineFixture.open(store); WriteSession session = repo.newWriteSession()) {
            session.saveBlob(BlobType.DATA, DeterministicRandom.bytes(1, BLOB));
            session.saveBlob(BlobType.DATA, DeterministicRandom.bytes(2, BLOB));
            assertThatThrownBy(session::flush).isInstanceOf(IOException.class).hasMessageContaining("No space left");
            assertThatThrownBy(() -> session.saveBlob(BlobType.DATA, DeterministicRandom.bytes(3, BLOB)))
                    .isInstanceOf(IOException.class).hasMessageContaining("No space left");
            assertThat(repo.list(BlobKind.INDEX)).as("no index lists a pack that was not stored").isEmpty();
        }
    }

    private static WriteSession.Saved save(WriteSession session, byte[] data) {
        try {
            return session.saveBlob(BlobType.DATA, data);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void flush(WriteSession session) {
        try {
            session.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
