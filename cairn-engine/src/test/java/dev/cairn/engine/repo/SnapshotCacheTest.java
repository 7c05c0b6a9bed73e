package dev.cairn.engine.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.ForwardingBlobStore;
import dev.cairn.blob.MemoryBlobStore;
import dev.cairn.engine.crypto.KdfParams;
import dev.cairn.engine.format.Json;
import dev.cairn.engine.snapshot.Snapshot;
import dev.cairn.engine.snapshot.SnapshotRef;
import dev.cairn.engine.snapshot.Snapshots;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening a repository reads the config, the index listing and the snapshots while the key is derived, and keeps snapshot
 * files in the local snapshot cache; the cache is never the truth: a damaged entry is fetched again, and an entry that
 * does not open with this repository's key is never used.
 */
class SnapshotCacheTest {
    private static final char[] PASS = "pass".toCharArray();
    private final AtomicInteger snapshotReads = new AtomicInteger();
    private final MemoryBlobStore memory = MemoryBlobStore.create();
    private final ForwardingBlobStore store = new ForwardingBlobStore(memory) {
        @Override
        public InputStream get(BlobName name) throws IOException {
            count(name);
            return super.get(name);
        }

        @Override
        public InputStream get(BlobName name, long offset, long length) throws IOException {
            count(name);
            return super.get(name, offset, length);
        }

        private void count(BlobName name) {
            if (name.kind() == BlobKind.SNAPSHOT) {
                snapshotReads.incrementAndGet();
            }
        }
    };
    @TempDir
    Path cache;
    private List<String> ids;

    private static Environment env() {
        return new Environment(new Random(11), InstantSource.system(), "h", "u", 1);
    }

    private static byte[] snapshot(String tree) {
        return Json.write(new Snapshot(Snapshot.CURRENT_VERSION, Instant.parse("2026-01-02T03:04:05Z"), tree, List.of("/data"), "h", "u",
                List.of(), null, "test", false, null));
    }

    @BeforeEach
    void twoSnapshots() throws IOException {
        try (Repository repo = Repositories.init(store, PASS, Repositories.InitOptions.defaults().withKdf(KdfParams.TEST), env())) {
            ids = List.of(repo.saveUnpacked(BlobKind.SNAPSHOT, snapshot("a".repeat(64))).hex(),
                    repo.saveUnpacked(BlobKind.SNAPSHOT, snapshot("b".repeat(64))).hex());
        }
    }

    private List<String> trees() throws IOException {
        try (Repository repo = Repositories.open(store, PASS, env(), cache)) {
            return Snapshots.list(repo).stream().map(SnapshotRef::snapshot).map(Snapshot::tree).toList();
        }
    }

    @Test
    @DisplayName("snapshots listed once are read from the cache afterwards, not fetched")
    void listedOnceThenCached() throws IOException {
        assertThat(trees()).containsExactlyInAnyOrder("a".repeat(64), "b".repeat(64));
        assertThat(snapshotReads.get()).isEqualTo(2);
        assertThat(trees()).containsExactlyInAnyOrder("a".repeat(64), "b".repeat(64));
        assertThat(snapshotReads.get()).isEqualTo(2);
    }

    @Test
    @DisplayName("a damaged or foreign cache entry is never used: the snapshot is fetched again and the entry replaced")
    void damagedEntryIsFetchedAgain() throws IOException {
        trees();
        Path entry = cache.resolve("snapshots").resolve(ids.get(0));
        byte[] good = Files.readAllBytes(entry);
        byte[] bad = good.clone();
        bad[bad.length / 2] ^= 1;
        Files.write(entry, bad);
        Files.write(cache.resolve("snapshots").resolve(ids.get(1)), snapshot("c".repeat(64))); // not even sealed

        assertThat(trees()).containsExactlyInAnyOrder("a".repeat(64), "b".repeat(64));
        assertThat(snapshotReads.get()).isEqualTo(4);
        assertThat(Files.readAllBytes(entry)).isEqualTo(good);
    }

    @Test
    @DisplayName("the key is derived while the snapshots are prefetched: a wrong passphrase is still reported as such")
    void wrongPassphraseStillWins() {
        assertThatThrownBy(() -> Repositories.open(store, "wrong".toCharArray(), env(), cache))
                .isInstanceOf(WrongPassphraseException.class);
    }

    @Test
    @DisplayName("key files without a config are still not a repository, whatever was prefetched")
    void missingConfig() throws IOException {
        memory.delete(BlobName.CONFIG);
        assertThatThrownBy(() -> Repositories.open(store, PASS, env(), cache))
                .isInstanceOf(NotARepositoryException.class).hasMessageContaining("no config");
    }
}
