package dev.cairn.engine.check;

import static dev.cairn.engine.fixture.TestRepos.NOW;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.MemoryBlobStore;
import dev.cairn.engine.fixture.TestRepos;
import dev.cairn.engine.format.FormatException;
import dev.cairn.engine.format.Json;
import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.id.BlobType;
import dev.cairn.engine.index.BlobLocation;
import dev.cairn.engine.index.IndexFile;
import dev.cairn.engine.index.MasterIndex;
import dev.cairn.engine.pack.PackEntry;
import dev.cairn.engine.pack.PackWriter;
import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.snapshot.SnapshotRef;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small repository with two snapshots to damage: {@code alice} backs up /home/alice/docs (a.bin 100 KiB, b.bin 20 KiB:
 * two data packs and one tree pack), {@code www} backs up /srv/www (index.html 50 KiB: one data pack, one tree pack).
 */
final class CheckScenario {
    static final byte[] A = TestRepos.randomBytes(1, 100 << 10);
    static final byte[] B = TestRepos.randomBytes(2, 20 << 10);
    static final byte[] WWW = TestRepos.randomBytes(3, 50 << 10);
    static final String ALICE_DIR = "/home/alice/docs";
    final MemoryBlobStore store = MemoryBlobStore.create();
    final Repository repo;
    final SnapshotRef alice;
    final SnapshotRef www;

    CheckScenario() throws IOException {
        repo = TestRepos.init(store);
        alice = TestRepos.backup(repo, NOW.minus(Duration.ofHours(2)), ALICE_DIR, Map.of("a.bin", A, "b.bin", B));
        www = TestRepos.backup(repo, NOW.minus(Duration.ofHours(1)), "/srv/www", Map.of("index.html", WWW));
    }

    /** Reopens the repository (so damage to index files is seen, as a new cairn process would) and checks it. */
    CheckResult check(CheckOptions options) throws IOException {
        return Checker.create(TestRepos.reopen(store), options, CheckListener.NONE).run();
    }

    CheckResult check(CheckOptions options, CheckListener listener) throws IOException {
        return Checker.create(TestRepos.reopen(store), options, listener).run();
    }

    /** The first data blob of a.bin. */
    BlobId firstBlobOfA() {
        return TestRepos.chunkIds(repo, A).getFirst();
    }

    BlobLocation location(BlobId blob) throws IOException {
        return repo.index().lookup(blob);
    }

    BlobName packName(BlobId pack) {
        return BlobName.of(BlobKind.PACK, pack.hex());
    }

    BlobName packOf(BlobId blob) throws IOException {
        return TestRepos.packOf(repo, blob);
    }

    long totalPackBytes() {
        return store.list(BlobKind.PACK).stream().mapToLong(i -> i.size()).sum();
    }

    /** The index file that lists {@code pack}, and every pack it lists. */
    Map.Entry<String, List<String>> indexFileListing(BlobId pack) throws IOException, FormatException {
        for (String id : repo.list(BlobKind.INDEX)) {
            IndexFile file = Json.read(repo.loadUnpacked(BlobKind.INDEX, id), IndexFile.class, "index");
            List<String> packs = file.packs().stream().map(IndexFile.PackBlobs::id).toList();
            if (packs.contains(pack.hex())) {
                return Map.entry(id, packs);
            }
        }
        throw new AssertionError("no index file lists " + pack);
    }

    /** Writes a pack holding {@code content} as one data blob, without indexing it (like an interrupted backup). */
    PackWriter.Finished writeStrayPack(byte[] content) throws IOException {
        BlobId id = repo.codec().id(content, 0, content.length);
        PackWriter writer = new PackWriter(content.length + 1024);
        writer.add(repo.codec().seal(BlobType.DATA, id, content, 0, content.length));
        PackWriter.Finished pack = writer.finish(repo.aead(), dev.cairn.engine.repo.TestKeys.masterKey(repo).encryptionKey());
        store.put(packName(pack.id()), pack.bytes());
        return pack;
    }

    /** Writes an index file listing {@code pack} with {@code entries}. */
    String writeIndex(BlobId pack, List<PackEntry> entries) throws IOException {
        return repo.saveUnpacked(BlobKind.INDEX, Json.write(MasterIndex.toIndexFile(Map.of(pack, new ArrayList<>(entries))))).hex();
    }
}
