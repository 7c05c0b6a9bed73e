package dev.cairn.engine.backup;

import static dev.cairn.engine.backup.EngineFixture.backup;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.MemoryBlobStore;
import dev.cairn.engine.format.Json;
import dev.cairn.engine.index.IndexFile;
import dev.cairn.engine.repo.Repository;
import dev.cairn.testkit.DeterministicRandom;
import dev.cairn.testkit.ObservedBlobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spec's write order (§Write ordering), read off the store's own log of a backup: every pack is stored before an index
 * lists it, every index before the snapshot, and the snapshot is the backup's last object.
 */
class WriteOrderTest {
    @TempDir
    Path tmp;

    /** One entry per finished put, in the order the store published them, and the puts started before each. */
    private record Put(BlobName name, int startedBefore) {
    }

    @Test
    void packsAreStoredBeforeTheIndexThatListsThemAndIndexesBeforeTheSnapshot() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("src"));
        for (int i = 0; i < 80; i++) { // 80 one-blob packs: more than 64, so an index is also written mid-backup
            Files.write(source.resolve("f" + i), DeterministicRandom.bytes(i, 8 << 10));
        }
        MemoryBlobStore memory = MemoryBlobStore.create();
        EngineFixture.init(memory, 4096).close();
        List<BlobName> started = new ArrayList<>();
        List<Put> done = new ArrayList<>();
        ObservedBlobStore observed = ObservedBlobStore.wrap(memory, new ObservedBlobStore.Observer() {
            @Override
            public synchronized void putStarting(BlobName name) {
                started.add(name);
            }

            @Override
            public synchronized void putDone(BlobName name) {
                done.add(new Put(name, started.size()));
            }
        });
        try (Repository repo = EngineFixture.open(observed)) {
            backup(repo, source);
            List<BlobName> indexes = kinds(done, BlobKind.INDEX);
            assertThat(indexes).as("an index mid-backup and one at the end").hasSizeGreaterThanOrEqualTo(2);
            assertThat(kinds(done, BlobKind.PACK)).hasSizeGreaterThan(64);
            for (BlobName index : indexes) {
                int indexStart = started.indexOf(index);
                List<String> packsDoneBefore = done.stream().filter(p -> p.startedBefore() <= indexStart)
                        .map(Put::name).filter(n -> n.kind() == BlobKind.PACK).map(BlobName::id).toList();
                IndexFile file = Json.read(repo.loadUnpacked(BlobKind.INDEX, index.id()), IndexFile.class, "index");
                assertThat(file.packs()).isNotEmpty();
                assertThat(file.packs()).as("packs listed by %s were stored before it was started", index)
                        .allSatisfy(p -> assertThat(packsDoneBefore).contains(p.id()));
            }
            BlobName snapshot = done.getLast().name();
            assertThat(snapshot.kind()).as("the snapshot is the last object of the backup").isEqualTo(BlobKind.SNAPSHOT);
            assertThat(kinds(done, BlobKind.SNAPSHOT)).containsExactly(snapshot);
            assertThat(done.getLast().startedBefore()).as("no other put ran while the snapshot was written")
                    .isEqualTo(started.size());
            assertThat(started.indexOf(snapshot)).as("the snapshot was started after every other object was stored")
                    .isEqualTo(done.size() - 1);
        }
    }

    private static List<BlobName> kinds(List<Put> done, BlobKind kind) {
        return done.stream().map(Put::name).filter(n -> n.kind() == kind).toList();
    }
}
