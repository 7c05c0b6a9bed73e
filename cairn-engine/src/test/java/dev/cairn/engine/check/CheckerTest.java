package dev.cairn.engine.check;

import static dev.cairn.engine.fixture.TestRepos.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.engine.fixture.StoredObjects;
import dev.cairn.engine.fixture.TestRepos;
import dev.cairn.engine.format.Json;
import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.index.BlobLocation;
import dev.cairn.engine.pack.PackEntry;
import dev.cairn.engine.pack.PackWriter;
import dev.cairn.engine.repo.RepositoryLock;
import dev.cairn.engine.repo.WriteSession;
import dev.cairn.engine.snapshot.SnapshotRef;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The structure check (no read-data): index, snapshots, trees, pack headers, locks. */
class CheckerTest {
    private CheckScenario s;

    @BeforeEach
    void setUp() throws IOException {
        s = new CheckScenario();
    }

    @Test
    @DisplayName("a clean repository has no findings and counts what it looked at")
    void cleanRepository() throws IOException {
        CheckResult result = s.check(CheckOptions.structure());

        assertThat(result.findings()).isEmpty();
        assertThat(result.ok()).isTrue();
        assertThat(result.snapshotsChecked()).isEqualTo(2);
        assertThat(result.packsChecked()).isEqualTo(s.store.list(BlobKind.PACK).size()).isEqualTo(5);
        assertThat(result.blobsChecked()).as("4 trees for alice, 3 for www").isEqualTo(7);
        assertThat(result.bytesRead()).isZero();
    }

    @Test
    @DisplayName("the listener receives every finding as it is made, in the order of the result")
    void listenerSeesFindings() throws IOException {
        s.store.delete(s.packOf(s.firstBlobOfA()));
        s.writeStrayPack(TestRepos.randomBytes(9, 1000));
        List<Finding> seen = new ArrayList<>();

        CheckResult result = s.check(CheckOptions.structure(), seen::add);

        assertThat(seen).hasSize(2).isEqualTo(result.findings());
    }

    @Test
    @DisplayName("checking never writes to or deletes from the repository, even a damaged one")
    void neverModifiesTheRepository() throws IOException {
        StoredObjects.flipByte(s.store, s.packOf(s.firstBlobOfA()), s.location(s.firstBlobOfA()).offset() + 10);
        s.writeStrayPack(TestRepos.randomBytes(9, 1000));
        Map<BlobName, String> before = StoredObjects.fingerprint(s.store);

        s.check(CheckOptions.readAll());

        assertThat(StoredObjects.fingerprint(s.store)).isEqualTo(before);
    }

    @Nested
    @DisplayName("packs")
    class Packs {
        @Test
        @DisplayName("a byte flipped in a blob passes the structure check (only headers are read)")
        void flipOutsideHeader() throws IOException {
            StoredObjects.flipByte(s.store, s.packOf(s.firstBlobOfA()), s.location(s.firstBlobOfA()).offset() + 10);

            assertThat(s.check(CheckOptions.structure()).findings()).isEmpty();
        }

        @Test
        @DisplayName("a byte flipped in the pack header is an error naming the pack and the snapshot that needs it")
        void flipInsideHeader() throws IOException {
            BlobName pack = s.packOf(s.firstBlobOfA());
            StoredObjects.flipByte(s.store, pack, s.store.stat(pack).size() - 10);

            CheckResult result = s.check(CheckOptions.structure());

            assertThat(result.findings()).extracting(Finding::severity, Finding::object, Finding::affectedSnapshots)
                    .containsExactly(tuple(Severity.ERROR, pack.toString(), List.of(s.alice.shortId())));
            assertThat(result.findings().getFirst().message()).contains("pack header cannot be read", "authentication failed");
            assertThat(result.ok()).isFalse();
        }

        @Test
        @DisplayName("a truncated pack is an error naming the pack and the snapshot that needs it")
        void truncated() throws IOException {
            BlobName pack = s.packOf(s.firstBlobOfA());
            StoredObjects.truncate(s.store, pack, s.store.stat(pack).size() / 2);

            CheckResult result = s.check(CheckOptions.structure());

            assertThat(result.findings()).extracting(Finding::severity, Finding::object, Finding::affectedSnapshots)
                    .containsExactly(tuple(Severity.ERROR, pack.toString(), List.of(s.alice.shortId())));
            assertThat(result.findings().getFirst().message()).contains("damaged or truncated");
        }

        @Test
        @DisplayName("a pack the index lists but the store lacks is an error that says the blobs are lost")
        void deleted() throws IOException {
            BlobName pack = s.packOf(s.firstBlobOfA());
            int blobs = s.repo.index().packEntries(s.location(s.firstBlobOfA()).pack()).size();
            s.store.delete(pack);

            CheckResult result = s.check(CheckOptions.structure());

            assertThat(result.findings()).extracting(Finding::severity, Finding::object, Finding::affectedSnapshots)
                    .containsExactly(tuple(Severity.ERROR, pack.toString(), List.of(s.alice.shortId())));
            assertThat(result.findings().getFirst().message()).contains("missing from the storage", blobs + " blobs are lost");
        }

        @Test
        @DisplayName("a deleted tree pack also reports the unreadable root tree of each snapshot it held")
        void deletedTreePack() throws IOException {
            BlobId root = BlobId.parse(s.www.snapshot().tree());
            BlobName pack = s.packOf(root);
            s.store.delete(pack);

            CheckResult result = s.check(CheckOptions.structure());

            assertThat(result.findings()).extracting(Finding::severity, Finding::object, Finding::affectedSnapshots)
                    .containsExactly(tuple(Severity.ERROR, "tree/" + root.hex(), List.of(s.www.shortId())),
                            tuple(Severity.ERROR, pack.toString(), List.of(s.www.shortId())));
            assertThat(result.findings().getFirst().message()).contains("the root directory", "missing or truncated");
        }

        @Test
        @DisplayName("a pack no index references (interrupted backup) is INFO only and the check passes")
        void unreferenced() throws IOException {
            PackWriter.Finished stray = s.writeStrayPack(TestRepos.randomBytes(9, 1000));

            CheckResult result = s.check(CheckOptions.readAll());

            assertThat(result.findings()).extracting(Finding::severity, Finding::object)
                    .containsExactly(tuple(Severity.INFO, "data/" + stray.id().hex()));
            assertThat(result.findings().getFirst().message()).contains("interrupted backup", "prune");
            assertThat(result.ok()).isTrue();
        }

        @Test
        @DisplayName("a pack whose header disagrees with the index is an error")
        void headerDisagreesWithIndex() throws IOException {
            PackWriter.Finished stray = s.writeStrayPack(TestRepos.randomBytes(9, 1000));
            PackEntry e = stray.entries().getFirst();
            s.writeIndex(stray.id(), List.of(new PackEntry(e.type(), e.id(), e.offset(), e.length(), e.rawLength() + 1, false)));

            CheckResult result = s.check(CheckOptions.structure());

            assertThat(result.findings()).extracting(Finding::severity, Finding::object, Finding::affectedSnapshots)
                    .containsExactly(tuple(Severity.ERROR, "data/" + stray.id().hex(), List.of()));
            assertThat(result.findings().getFirst().message()).contains("header and index disagree", "1 index entries");
        }

        @Test
        @DisplayName("a blob stored in two packs is INFO only")
        void duplicateBlob() throws IOException {
            PackWriter.Finished copy = s.writeStrayPack(java.util.Arrays.copyOf(CheckScenario.B, TestRepos.CHUNK));
            s.writeIndex(copy.id(), copy.entries());

            CheckResult result = s.check(CheckOptions.readAll());

            assertThat(result.findings()).extracting(Finding::severity, Finding::object).containsExactly(tuple(Severity.INFO, "index"));
            assertThat(result.findings().getFirst().message()).startsWith("1 extra copy of blobs stored in more than one pack");
            assertThat(result.ok()).isTrue();
        }
    }

    @Nested
    @DisplayName("index, snapshots and trees")
    class Metadata {
        @Test
        @DisplayName("a damaged index file is an error; the packs it listed are warnings, recovered from their headers")
        void damagedIndexFile() throws Exception {
            Map.Entry<String, List<String>> listing = s.indexFileListing(s.location(s.firstBlobOfA()).pack());
            StoredObjects.flipByte(s.store, BlobName.of(BlobKind.INDEX, listing.getKey()), 20);

            CheckResult result = s.check(CheckOptions.structure());

            assertThat(result.findings()).filteredOn(f -> f.severity() == Severity.ERROR).extracting(Finding::object)
                    .containsExactly("index/" + listing.getKey());
            assertThat(result.findings()).filteredOn(f -> f.severity() == Severity.WARNING).extracting(Finding::object)
                    .containsExactlyInAnyOrderElementsOf(listing.getValue().stream().map(p -> "data/" + p).toList());
            assertThat(result.findings()).hasSize(1 + listing.getValue().size());
            assertThat(result.findings().getFirst().message()).contains("index file cannot be read", "from their own headers");
        }

        @Test
        @DisplayName("a damaged or truncated key file is an error naming it (found by the reliability corruption suite)")
        void damagedKeyFile() throws IOException {
            String second = s.repo.addKey("second passphrase".toCharArray(), dev.cairn.engine.crypto.KdfParams.TEST);
            String third = s.repo.addKey("third passphrase".toCharArray(), dev.cairn.engine.crypto.KdfParams.TEST);
            StoredObjects.flipBits(s.store, BlobName.of(BlobKind.KEY, second), 40, 0x04);
            StoredObjects.truncate(s.store, BlobName.of(BlobKind.KEY, third), 100);

            CheckResult result = s.check(CheckOptions.structure());

            assertThat(result.findings()).extracting(Finding::severity, Finding::object, Finding::affectedSnapshots)
                    .containsExactlyInAnyOrder(tuple(Severity.ERROR, "keys/" + second, List.of()),
                            tuple(Severity.ERROR, "keys/" + third, List.of()));
            assertThat(result.findings().getFirst().message()).contains("key file is damaged", "cairn key add");
            assertThat(result.ok()).isFalse();
        }

        @Test
        @DisplayName("a damaged snapshot file is an error naming it")
        void damagedSnapshot() throws IOException {
            StoredObjects.flipByte(s.store, BlobName.of(BlobKind.SNAPSHOT, s.alice.id()), 5);

            CheckResult result = s.check(CheckOptions.structure());

            assertThat(result.findings()).extracting(Finding::severity, Finding::object, Finding::affectedSnapshots)
                    .containsExactly(tuple(Severity.ERROR, "snapshots/" + s.alice.id(), List.of(s.alice.shortId())));
            assertThat(result.findings().getFirst().message()).contains("snapshot cannot be read", "Run a new backup");
            assertThat(result.snapshotsChecked()).isEqualTo(2);
        }

        @Test
        @DisplayName("a damaged tree blob is an error naming the tree, its directory and the snapshots using it")
        void damagedTree() throws IOException {
            SnapshotRef again = TestRepos.backup(s.repo, NOW.minus(Duration.ofMinutes(30)), CheckScenario.ALICE_DIR,
                    Map.of("a.bin", CheckScenario.A, "b.bin", CheckScenario.B));
            BlobId docs = TestRepos.treeAt(s.repo, s.alice.snapshot(), CheckScenario.ALICE_DIR);
            BlobLocation loc = s.location(docs);
            StoredObjects.flipByte(s.store, s.packName(loc.pack()), loc.offset() + 20);

            CheckResult result = s.check(CheckOptions.structure());

            assertThat(result.findings()).extracting(Finding::severity, Finding::object, Finding::affectedSnapshots)
                    .containsExactly(tuple(Severity.ERROR, "tree/" + docs.hex(), List.of(s.alice.shortId(), again.shortId())));
            assertThat(result.findings().getFirst().message()).contains("directory /home/alice/docs is damaged",
                    "cannot be restored");
        }

        @Test
        @DisplayName("a file whose data blob is not in the index is an error naming the blob, the file and the snapshot")
        void dataBlobNotInIndex() throws IOException {
            String bogus = "ab".repeat(32);
            SnapshotRef bob;
            try (WriteSession session = s.repo.newWriteSession()) {
                bob = TestRepos.commit(s.repo, session, NOW, "/home/bob", List.of(TestRepos.file("x.bin", 10, List.of(bogus))));
            }

            CheckResult result = s.check(CheckOptions.structure());

            assertThat(result.findings()).extracting(Finding::severity, Finding::object, Finding::affectedSnapshots)
                    .containsExactly(tuple(Severity.ERROR, "blob/" + bogus, List.of(bob.shortId())));
            assertThat(result.findings().getFirst().message()).contains("file /home/bob/x.bin", "not in the index");
        }
    }

    @Nested
    @DisplayName("locks")
    class Locks {
        @Test
        @DisplayName("a lock older than 30 minutes is a warning that says how to remove it; a fresh one is fine")
        void staleLock() throws IOException {
            String stale = lock(NOW.minus(Duration.ofMinutes(31)));
            lock(NOW.minus(Duration.ofMinutes(5)));

            CheckResult result = s.check(CheckOptions.structure());

            assertThat(result.findings()).extracting(Finding::severity, Finding::object)
                    .containsExactly(tuple(Severity.WARNING, "locks/" + stale));
            assertThat(result.findings().getFirst().message()).contains("stale lock", "pid 77 on old-host", "cairn unlock");
            assertThat(result.ok()).isTrue();
        }

        private String lock(java.time.Instant time) throws IOException {
            RepositoryLock.LockInfo info = new RepositoryLock.LockInfo(time, false, "old-host", "bob", 77);
            return s.repo.saveUnpacked(BlobKind.LOCK, Json.write(info)).hex();
        }
    }
}
