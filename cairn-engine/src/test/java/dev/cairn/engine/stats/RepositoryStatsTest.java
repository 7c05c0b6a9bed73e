package dev.cairn.engine.stats;

import static dev.cairn.engine.fixture.TestRepos.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.cairn.blob.BlobInfo;
import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.MemoryBlobStore;
import dev.cairn.engine.fixture.StoredObjects;
import dev.cairn.engine.fixture.TestRepos;
import dev.cairn.engine.format.Json;
import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.repo.CorruptDataException;
import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.repo.RepositoryLock;
import dev.cairn.engine.snapshot.SnapshotRef;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RepositoryStatsTest {
    private static final byte[] A = TestRepos.randomBytes(1, 100 << 10);
    private static final byte[] B = TestRepos.randomBytes(2, 20 << 10);
    private final MemoryBlobStore store = MemoryBlobStore.create();

    @Test
    @DisplayName("two identical snapshots: logical size doubles, unique size does not, deduplication ratio is 2")
    void identicalSnapshots() throws IOException {
        Repository repo = TestRepos.init(store);
        TestRepos.backup(repo, NOW.minus(Duration.ofHours(2)), "/home/alice", Map.of("a.bin", A, "b.bin", B));
        TestRepos.backup(repo, NOW.minus(Duration.ofHours(1)), "/home/alice", Map.of("a.bin", A, "b.bin", B));

        RepositoryStats stats = RepositoryStats.compute(repo);

        long content = A.length + B.length;
        assertThat(stats.snapshotCount()).isEqualTo(2);
        assertThat(stats.totalLogicalBytes()).isEqualTo(2 * content);
        assertThat(stats.latestLogicalBytes()).as("one host+paths group, newest only").isEqualTo(content);
        assertThat(stats.uniqueDataBytes()).isEqualTo(content);
        assertThat(stats.deduplicationRatio()).isEqualTo(2.0);
        assertThat(stats.blobCount()).as("7 + 2 data chunks, 3 trees (root, home, alice) shared by both").isEqualTo(12);
        assertThat(stats.uniquePlaintextBytes()).isGreaterThan(content).isLessThan(content + 2048);
        assertThat(stats.compressionRatio()).as("random data does not compress; only the small trees do")
                .isEqualTo((double) stats.uniquePlaintextBytes() / stats.uniqueSealedBytes()).isCloseTo(1.0, within(0.02));
    }

    @Test
    @DisplayName("sizes of the store, packs and sealed blobs match what is stored")
    void storedSizes() throws IOException {
        Repository repo = TestRepos.init(store);
        TestRepos.backup(repo, NOW, "/home/alice", Map.of("a.bin", A));
        repo.saveUnpacked(BlobKind.LOCK, Json.write(new RepositoryLock.LockInfo(NOW, false, "h", "u", 1)));

        RepositoryStats stats = RepositoryStats.compute(repo);

        long expectedStored = 0;
        for (BlobKind kind : new BlobKind[] {BlobKind.CONFIG, BlobKind.KEY, BlobKind.PACK, BlobKind.INDEX, BlobKind.SNAPSHOT}) {
            expectedStored += store.list(kind).stream().mapToLong(BlobInfo::size).sum();
        }
        assertThat(stats.storedBytes()).as("everything but locks").isEqualTo(expectedStored);
        assertThat(stats.packCount()).isEqualTo(store.list(BlobKind.PACK).size()).isEqualTo(3);
        long sealed = repo.index().locations().stream().mapToLong(l -> l.length()).sum();
        assertThat(stats.uniqueSealedBytes()).isEqualTo(sealed);
    }

    @Test
    @DisplayName("latest logical size takes the newest snapshot of each host and paths")
    void latestPerHostAndPaths() throws IOException {
        Repository repo = TestRepos.init(store);
        TestRepos.backup(repo, NOW.minus(Duration.ofHours(3)), "/home/alice", Map.of("a.bin", A, "b.bin", B));
        TestRepos.backup(repo, NOW.minus(Duration.ofHours(2)), "/home/alice", Map.of("b.bin", B));
        TestRepos.backup(repo, NOW.minus(Duration.ofHours(1)), "/srv", Map.of("a.bin", A));

        RepositoryStats stats = RepositoryStats.compute(repo);

        assertThat(stats.snapshotCount()).isEqualTo(3);
        assertThat(stats.totalLogicalBytes()).isEqualTo(A.length + B.length + B.length + A.length);
        assertThat(stats.latestLogicalBytes()).isEqualTo(B.length + A.length);
        assertThat(stats.uniqueDataBytes()).isEqualTo(A.length + B.length);
        assertThat(stats.deduplicationRatio()).isEqualTo(2.0);
    }

    @Test
    @DisplayName("compressible data shows a compression ratio well above 1")
    void compressible() throws IOException {
        Repository repo = TestRepos.init(store);
        byte[] zeros = new byte[64 << 10];
        Arrays.fill(zeros, (byte) 'z');
        TestRepos.backup(repo, NOW, "/data", Map.of("zeros.txt", zeros));

        RepositoryStats stats = RepositoryStats.compute(repo);

        assertThat(stats.uniqueDataBytes()).as("four identical chunks stored once").isEqualTo(TestRepos.CHUNK);
        assertThat(stats.deduplicationRatio()).isEqualTo(4.0);
        assertThat(stats.compressionRatio()).isGreaterThan(10);
    }

    @Test
    @DisplayName("an empty repository has zero sizes and neutral ratios")
    void empty() throws IOException {
        RepositoryStats stats = RepositoryStats.compute(TestRepos.init(store));

        assertThat(stats).isEqualTo(new RepositoryStats(0, 0, 0, 0, 0, 0, stats.storedBytes(), 0, 0, 1.0, 1.0));
        assertThat(stats.storedBytes()).as("config and key file").isPositive();
    }

    @Test
    @DisplayName("a damaged tree stops the computation with a pointer to check")
    void damagedTree() throws IOException {
        Repository repo = TestRepos.init(store);
        SnapshotRef ref = TestRepos.backup(repo, NOW, "/home/alice", Map.of("a.bin", A));
        BlobId root = BlobId.parse(ref.snapshot().tree());
        BlobName pack = TestRepos.packOf(repo, root);
        StoredObjects.flipByte(store, pack, repo.index().lookup(root).offset() + 20);

        assertThatThrownBy(() -> RepositoryStats.compute(repo)).isInstanceOf(CorruptDataException.class)
                .hasMessageContaining("tree " + root.shortHex() + " of snapshot " + ref.shortId()).hasMessageContaining("cairn check");
    }
}
