package dev.cairn.engine.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.blob.LocalBlobStore;
import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.id.BlobType;
import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.repo.WriteSession;
import dev.cairn.testkit.DeterministicRandom;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write session's savers on several threads: savers that take turns fill one pack (a pack per type, whichever thread
 * saves), savers at work side by side lose nothing, and a flush stores every partly filled pack; side by side, data goes
 * into at most one open pack per saver while trees keep one pack (ADR 72).
 */
class ConcurrentSaversTest {
    @TempDir
    Path tmp;

    @Test
    void saversThatTakeTurnsFillOnePack() throws Exception {
        try (Repository repo = EngineFixture.init(LocalBlobStore.create(tmp.resolve("repo")), 1 << 20);
                WriteSession session = repo.newWriteSession()) {
            List<BlobId> ids = new ArrayList<>();
            for (int thread = 0; thread < 3; thread++) {
                int seed = thread;
                Thread t = Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < 3; i++) {
                        ids.add(save(session, DeterministicRandom.bytes(10 * seed + i, 50 << 10)));
                    }
                });
                t.join();
            }
            session.flush();
            Set<BlobId> packs = new HashSet<>();
            for (BlobId id : ids) {
                packs.add(repo.index().lookup(id).pack());
            }
            assertThat(packs).as("nine blobs from three threads, one after another, in one pack").hasSize(1);
        }
    }

    @Test
    void saversSideBySideLoseNothingAndFlushStoresEveryPartlyFilledPack() throws Exception {
        try (Repository repo = EngineFixture.init(LocalBlobStore.create(tmp.resolve("repo")), 1 << 20);
                WriteSession session = repo.newWriteSession()) {
            Map<BlobId, byte[]> saved = new ConcurrentHashMap<>();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> savers = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                int seed = thread;
                savers.add(Thread.ofPlatform().start(() -> {
                    await(start);
                    for (int i = 0; i < 40; i++) { // 1..200 KiB each: several full packs and some partly filled
                        byte[] data = DeterministicRandom.bytes(1000 * seed + i, 1 + (int) ((seed * 7919L + i * 104729L) % (200 << 10)));
                        saved.put(save(session, data), data);
                    }
                }));
            }
            start.countDown();
            for (Thread t : savers) {
                t.join();
            }
            session.flush();
            assertThat(saved).hasSize(160);
            for (Map.Entry<BlobId, byte[]> e : saved.entrySet()) {
                assertThat(repo.loadBlob(BlobType.DATA, e.getKey())).as("blob read back from its pack").isEqualTo(e.getValue());
            }
        }
    }

    @Test
    void saversSideBySideUseAtMostAPackEachForDataAndOneForTrees() throws Exception {
        try (Repository repo = EngineFixture.init(LocalBlobStore.create(tmp.resolve("repo")), 64 << 20);
                WriteSession session = repo.newWriteSession()) {
            Set<BlobId> data = ConcurrentHashMap.newKeySet();
            Set<BlobId> trees = ConcurrentHashMap.newKeySet();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> savers = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                int seed = thread;
                savers.add(Thread.ofPlatform().start(() -> {
                    await(start);
                    for (int i = 0; i < 30; i++) {
                        data.add(save(session, DeterministicRandom.bytes(5000 * seed + i, 100 << 10)));
                        try {
                            trees.add(session.saveBlob(BlobType.TREE, DeterministicRandom.bytes(9000 * seed + i, 300)).id());
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                }));
            }
            start.countDown();
            for (Thread t : savers) {
                t.join();
            }
            session.flush();
            Set<BlobId> dataPacks = new HashSet<>();
            for (BlobId id : data) {
                dataPacks.add(repo.index().lookup(id).pack());
            }
            Set<BlobId> treePacks = new HashSet<>();
            for (BlobId id : trees) {
                treePacks.add(repo.index().lookup(id).pack());
            }
            assertThat(data).hasSize(120);
            assertThat(dataPacks).as("12 MiB of data from four savers, no pack full: a pack per saver at most").hasSizeBetween(1, 4);
            assertThat(treePacks).as("120 trees from four savers: one pack").hasSize(1);
        }
    }

    private static BlobId save(WriteSession session, byte[] data) {
        try {
            return session.saveBlob(BlobType.DATA, data).id();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
