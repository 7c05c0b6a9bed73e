package dev.cairn.engine.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.id.BlobType;
import dev.cairn.engine.pack.PackEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The on-disk index against a reference map: hundreds of thousands of random ids added the way a backup adds them (one run
 * per index file, merged in the background), then every id looked up, as many absent ids, and the same again through the
 * cache after a reopen. A larger version runs in {@code bench/index-lookups.sh}.
 */
class IndexRunsTest {
    private static final int BLOBS = 400_000;
    private static final int PER_PACK = 500;
    private static final int PER_INDEX_FILE = 16_384;

    @TempDir
    Path tmp;

    /** What the reference map holds per id: every location it was added at (more than one for blobs in two packs). */
    private record Expected(List<BlobLocation> locations) {
        static Expected add(Expected old, BlobId pack, PackEntry e) {
            List<BlobLocation> all = new ArrayList<>(old == null ? List.of() : old.locations());
            all.add(new BlobLocation(pack, e.type(), e.offset(), e.length(), e.rawLength(), e.compressed()));
            return new Expected(all);
        }
    }

    @Test
    void everyLookupMatchesTheReferenceMapBeforeAndAfterReopening() throws IOException {
        Random random = new Random(42);
        Map<BlobId, Expected> reference = new HashMap<>();
        List<String> indexFiles = new ArrayList<>();
        Path cache = tmp.resolve("cache");
        try (MasterIndex index = IndexCache.load(cache, List.of(), IndexRunsTest::neverRead)) {
            addLikeABackup(index, random, reference, indexFiles);
            assertMatches(index, reference, new Random(7));
            assertThat(index.runs().size()).as("runs are merged as they accumulate").isLessThan(indexFiles.size());
        }
        try (MasterIndex reopened = IndexCache.load(cache, indexFiles, IndexRunsTest::neverRead)) {
            assertMatches(reopened, reference, new Random(8));
            assertThat(reopened.blobCount()).isEqualTo(reference.size());
        }
    }

    /** Packs of random blobs (some blobs twice, in two packs), one index file and run per {@value #PER_INDEX_FILE} blobs. */
    private static void addLikeABackup(MasterIndex index, Random random, Map<BlobId, Expected> reference, List<String> indexFiles)
            throws IOException {
        Map<BlobId, List<PackEntry>> batch = new LinkedHashMap<>();
        int inBatch = 0;
        List<BlobId> earlier = new ArrayList<>();
        for (int p = 0; p * PER_PACK < BLOBS; p++) {
            BlobId pack = randomId(random);
            List<PackEntry> entries = new ArrayList<>();
            long offset = 0;
            for (int i = 0; i < PER_PACK; i++) {
                boolean again = !earlier.isEmpty() && random.nextInt(100) == 0; // a copy in a second pack: either is valid
                BlobId id = again ? earlier.get(random.nextInt(earlier.size())) : randomId(random);
                int length = 1 + random.nextInt(1 << 22);
                PackEntry e = new PackEntry(random.nextBoolean() ? BlobType.DATA : BlobType.TREE, id, offset, length,
                        random.nextInt(1 << 23), random.nextBoolean());
                offset += length + (1L << 30) * random.nextInt(4); // offsets beyond 32 bits too
                entries.add(e);
                reference.put(id, Expected.add(reference.get(id), pack, e));
                if (earlier.size() < 10_000) {
                    earlier.add(id);
                }
            }
            batch.put(pack, entries);
            inBatch += entries.size();
            if (inBatch >= PER_INDEX_FILE) {
                indexFiles.add(addIndexed(index, random, batch));
                batch = new LinkedHashMap<>();
                inBatch = 0;
            }
        }
        if (!batch.isEmpty()) {
            indexFiles.add(addIndexed(index, random, batch));
        }
    }

    private static String addIndexed(MasterIndex index, Random random, Map<BlobId, List<PackEntry>> batch) throws IOException {
        BlobId file = randomId(random);
        index.addIndexed(file, batch);
        return file.hex();
    }

    private static void assertMatches(MasterIndex index, Map<BlobId, Expected> reference, Random absent) throws IOException {
        for (Map.Entry<BlobId, Expected> e : reference.entrySet()) {
            BlobLocation found = index.lookup(e.getKey());
            if (found == null || !e.getValue().locations().contains(found)) {
                fail("lookup of " + e.getKey() + " gave " + found + ", expected one of " + e.getValue().locations());
            }
        }
        for (int i = 0; i < reference.size(); i++) {
            BlobId id = randomId(absent);
            if (!reference.containsKey(id) && index.contains(id)) {
                fail("an absent id was found: " + id);
            }
        }
    }

    private static BlobId randomId(Random random) {
        byte[] b = new byte[BlobId.LENGTH];
        random.nextBytes(b);
        return BlobId.of(b);
    }

    private static boolean neverRead(String id, IndexDocuments.Visitor visitor) {
        throw new AssertionError("index file " + id + " was decoded although the cache stands for it");
    }

    @Test
    void aDamagedRunIsDeletedAndRebuiltFromTheIndexFiles() throws IOException {
        Path cache = tmp.resolve("cache");
        Map<BlobId, List<PackEntry>> packs = Map.of(BlobId.sha256(new byte[] {1}), List.of(
                new PackEntry(BlobType.DATA, BlobId.sha256(new byte[] {2}), 0, 10, 20, false)));
        BlobId file = BlobId.sha256(new byte[] {3});
        try (MasterIndex index = IndexCache.load(cache, List.of(), IndexRunsTest::neverRead)) {
            index.addIndexed(file, packs);
        }
        Path run = onlyRun(cache);
        byte[] bytes = Files.readAllBytes(run);
        bytes[bytes.length - 20] ^= 1; // a flipped bit in the last entry
        Files.write(run, bytes);

        List<String> decoded = new ArrayList<>();
        try (MasterIndex index = IndexCache.load(cache, List.of(file.hex()), (id, visitor) -> {
            decoded.add(id);
            for (Map.Entry<BlobId, List<PackEntry>> p : packs.entrySet()) {
                visitor.pack(p.getKey(), p.getValue());
            }
            return true;
        })) {
            assertThat(decoded).containsExactly(file.hex());
            assertThat(index.lookup(BlobId.sha256(new byte[] {2})).rawLength()).isEqualTo(20);
        }
        assertThat(Files.readAllBytes(onlyRun(cache))).isNotEqualTo(bytes);
    }

    @Test
    void aRunForIndexFilesTheRepositoryNoLongerListsIsNotUsed() throws IOException {
        Path cache = tmp.resolve("cache");
        BlobId gone = BlobId.sha256(new byte[] {4});
        try (MasterIndex index = IndexCache.load(cache, List.of(), IndexRunsTest::neverRead)) {
            index.addIndexed(gone, Map.of(BlobId.sha256(new byte[] {5}), List.of(
                    new PackEntry(BlobType.DATA, BlobId.sha256(new byte[] {6}), 0, 10, 20, false))));
        }
        try (MasterIndex index = IndexCache.load(cache, List.of(), IndexRunsTest::neverRead)) {
            assertThat(index.contains(BlobId.sha256(new byte[] {6}))).isFalse();
        }
    }

    @Test
    void aDamagedIndexFileIsLeftUncoveredSoTheNextOpenTriesAgain() throws IOException {
        Path cache = tmp.resolve("cache");
        BlobId good = BlobId.sha256(new byte[] {7});
        BlobId bad = BlobId.sha256(new byte[] {8});
        PackEntry e = new PackEntry(BlobType.DATA, BlobId.sha256(new byte[] {9}), 0, 10, 20, false);
        try (MasterIndex index = IndexCache.load(cache, List.of(good.hex(), bad.hex()), (id, visitor) -> {
            if (id.equals(bad.hex())) {
                return false;
            }
            visitor.pack(BlobId.sha256(new byte[] {10}), List.of(e));
            return true;
        })) {
            assertThat(index.contains(e.id())).isTrue();
        }
        List<String> decoded = new ArrayList<>();
        try (MasterIndex index = IndexCache.load(cache, List.of(good.hex(), bad.hex()), (id, visitor) -> {
            decoded.add(id);
            return false;
        })) {
            assertThat(decoded).containsExactly(bad.hex());
            assertThat(index.contains(e.id())).isTrue();
        }
    }

    private static Path onlyRun(Path cache) throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            List<Path> runs = files.filter(p -> p.toString().endsWith(RunFile.SUFFIX)).toList();
            assertThat(runs).hasSize(1);
            return runs.getFirst();
        }
    }
}
