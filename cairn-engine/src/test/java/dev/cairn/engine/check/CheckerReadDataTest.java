package dev.cairn.engine.check;

import static dev.cairn.engine.fixture.TestRepos.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.engine.fixture.StoredObjects;
import dev.cairn.engine.fixture.TestRepos;
import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.index.BlobLocation;
import dev.cairn.engine.pack.PackEntry;
import dev.cairn.engine.snapshot.SnapshotRef;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Read-data: packs read whole, hashed, and every blob in them opened. */
class CheckerReadDataTest {
    private CheckScenario s;

    @BeforeEach
    void setUp() throws IOException {
        s = new CheckScenario();
    }

    @Test
    @DisplayName("a clean repository reads every pack and opens every blob without findings")
    void cleanRepository() throws IOException {
        CheckResult result = s.check(CheckOptions.readAll());

        assertThat(result.findings()).isEmpty();
        assertThat(result.bytesRead()).isEqualTo(s.totalPackBytes());
        assertThat(result.blobsChecked()).as("7 trees walked + every indexed blob opened")
                .isEqualTo(7 + s.repo.index().blobCount());
    }

    @Test
    @DisplayName("a byte flipped in a data blob names the pack, the blob and the snapshot that needs it")
    void flipOutsideHeader() throws IOException {
        BlobId blob = s.firstBlobOfA();
        BlobName pack = s.packOf(blob);
        StoredObjects.flipByte(s.store, pack, s.location(blob).offset() + 10);

        CheckResult result = s.check(CheckOptions.readAll());

        List<String> alice = List.of(s.alice.shortId());
        assertThat(result.findings()).extracting(Finding::severity, Finding::object, Finding::affectedSnapshots)
                .containsExactly(tuple(Severity.ERROR, pack.toString(), alice), tuple(Severity.ERROR, "blob/" + blob.hex(), alice));
        assertThat(result.findings().get(0).message()).contains("no longer matches its name", "1 of its blobs cannot be read");
        assertThat(result.findings().get(1).message()).contains("data blob " + blob.shortHex(), "in pack " + pack.toString()
                .substring(0, "data/".length() + 8), "failed authentication");
    }

    @Test
    @DisplayName("damage to data shared by several snapshots names all of them, oldest first")
    void sharedDataNamesEverySnapshot() throws IOException {
        SnapshotRef again = TestRepos.backup(s.repo, NOW.minus(Duration.ofMinutes(30)), "/home/alice/copy",
                Map.of("a-copy.bin", CheckScenario.A));
        BlobId blob = s.firstBlobOfA();
        StoredObjects.flipByte(s.store, s.packOf(blob), s.location(blob).offset() + 10);

        CheckResult result = s.check(CheckOptions.readAll());

        assertThat(result.findings()).filteredOn(f -> f.object().equals("blob/" + blob.hex()))
                .extracting(Finding::affectedSnapshots).containsExactly(List.of(s.alice.shortId(), again.shortId()));
    }

    @Test
    @DisplayName("a damaged tree blob is found both by the walk and by reading its pack")
    void damagedTreeBlob() throws IOException {
        BlobId docs = TestRepos.treeAt(s.repo, s.alice.snapshot(), CheckScenario.ALICE_DIR);
        BlobLocation loc = s.location(docs);
        StoredObjects.flipByte(s.store, s.packName(loc.pack()), loc.offset() + 20);

        CheckResult result = s.check(CheckOptions.readAll());

        List<String> alice = List.of(s.alice.shortId());
        assertThat(result.findings()).extracting(Finding::severity, Finding::object, Finding::affectedSnapshots)
                .containsExactly(tuple(Severity.ERROR, "tree/" + docs.hex(), alice),
                        tuple(Severity.ERROR, "data/" + loc.pack().hex(), alice),
                        tuple(Severity.ERROR, "tree/" + docs.hex(), alice));
    }

    @Test
    @DisplayName("n/m groups read every pack exactly once over m runs, and only the run holding the damage finds it")
    void groupsPartitionThePacks() throws IOException {
        BlobId blob = s.firstBlobOfA();
        BlobId pack = s.location(blob).pack();
        StoredObjects.flipByte(s.store, s.packName(pack), s.location(blob).offset() + 10);
        long total = 0;
        for (int n = 1; n <= 3; n++) {
            CheckResult result = s.check(new CheckOptions(true, new ReadDataSubset.Group(n, 3)));
            total += result.bytesRead();
            boolean holdsDamage = Integer.parseInt(pack.hex().substring(0, 2), 16) % 3 == n - 1;
            assertThat(result.ok()).as("group %d/3", n).isEqualTo(!holdsDamage);
        }
        assertThat(total).isEqualTo(s.totalPackBytes());
    }

    @Test
    @DisplayName("a percentage reads that share of the packs; 100% reads them all")
    void percentage() throws IOException {
        assertThat(s.check(new CheckOptions(false, new ReadDataSubset.Percentage(100))).bytesRead()).isEqualTo(s.totalPackBytes());

        long oneFifth = s.check(new CheckOptions(false, new ReadDataSubset.Percentage(20))).bytesRead();
        long largestPack = s.store.list(BlobKind.PACK).stream().mapToLong(i -> i.size()).max().orElseThrow();
        assertThat(oneFifth).as("20% of 5 packs is one pack").isPositive().isLessThanOrEqualTo(largestPack);
    }

    @Test
    @DisplayName("a truncated pack is read anyway, to name exactly the blobs that are lost")
    void truncatedPackNamesLostBlobs() throws IOException {
        BlobId blob = s.firstBlobOfA();
        BlobName pack = s.packOf(blob);
        List<PackEntry> entries = s.repo.index().packEntries(s.location(blob).pack());
        StoredObjects.truncate(s.store, pack, entries.get(1).offset() + 5);

        CheckResult result = s.check(CheckOptions.readAll());

        List<String> alice = List.of(s.alice.shortId());
        List<Tuple> expected = new ArrayList<>(List.of(tuple(Severity.ERROR, pack.toString(), alice),
                tuple(Severity.ERROR, pack.toString(), alice)));
        entries.stream().skip(1).forEach(e -> expected.add(tuple(Severity.ERROR, "blob/" + e.id().hex(), alice)));
        assertThat(result.findings()).extracting(Finding::severity, Finding::object, Finding::affectedSnapshots)
                .containsExactlyElementsOf(expected);
        assertThat(result.findings().get(1).message()).contains(entries.size() - 1 + " of its blobs cannot be read");
        assertThat(result.findings().get(2).message()).contains("lies beyond the end of the pack");
    }

    @Test
    @DisplayName("a pack whose header lost its last bytes still has intact blobs, and read-data says so")
    void damagedTrailerIntactBlobs() throws IOException {
        BlobName pack = s.packOf(s.firstBlobOfA());
        StoredObjects.truncate(s.store, pack, s.store.stat(pack).size() - 3);

        CheckResult result = s.check(CheckOptions.readAll());

        assertThat(result.findings()).extracting(Finding::object).containsExactly(pack.toString(), pack.toString());
        assertThat(result.findings().get(0).message()).contains("pack header cannot be read");
        assertThat(result.findings().get(1).message()).contains("every blob in it still reads correctly");
    }

    @Test
    @DisplayName("with a damaged index file, packs recovered from their headers are read too")
    void readsPacksRecoveredFromHeaders() throws Exception {
        BlobId blob = s.firstBlobOfA();
        StoredObjects.flipByte(s.store, s.packOf(blob), s.location(blob).offset() + 10);
        String index = s.indexFileListing(s.location(blob).pack()).getKey();
        StoredObjects.flipByte(s.store, BlobName.of(BlobKind.INDEX, index), 20);

        CheckResult result = s.check(CheckOptions.readAll());

        assertThat(result.findings()).filteredOn(f -> f.severity() == Severity.ERROR).extracting(Finding::object)
                .containsExactly("index/" + index, s.packOf(blob).toString(), "blob/" + blob.hex());
    }
}
