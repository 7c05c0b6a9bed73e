package dev.cairn.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.id.BlobType;
import dev.cairn.engine.pack.PackEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterIndexTest {
    @TempDir
    Path tmp;

    private static BlobId id(int n) {
        return BlobId.sha256(ByteBuffer.allocate(4).putInt(n).array());
    }

    private static PackEntry entry(int n, long offset) {
        return new PackEntry(n % 3 == 0 ? BlobType.TREE : BlobType.DATA, id(n), offset, 100 + n, 200 + n, n % 2 == 0);
    }

    @Test
    void findsEveryBlobOfManyPacksWithItsLocation() throws IOException {
        try (MasterIndex index = new MasterIndex()) {
            int perPack = 1000;
            for (int p = 0; p < 20; p++) { // 20,000 blobs: several blocks and table growths
                List<PackEntry> entries = new ArrayList<>();
                for (int i = 0; i < perPack; i++) {
                    entries.add(entry(p * perPack + i, 7L * i + (1L << 33)));
                }
                index.addPack(id(-1 - p), entries);
            }
            assertThat(index.blobCount()).isEqualTo(20_000);
            for (int n = 0; n < 20_000; n++) {
                BlobLocation loc = index.lookup(id(n));
                assertThat(loc).isEqualTo(new BlobLocation(id(-1 - n / perPack), n % 3 == 0 ? BlobType.TREE : BlobType.DATA,
                        7L * (n % perPack) + (1L << 33), 100 + n, 200 + n, n % 2 == 0));
            }
            assertThat(index.lookup(id(20_000))).isNull();
            assertThat(index.contains(id(20_000))).isFalse();
            assertThat(index.contains(id(19_999))).isTrue();
            assertThat(index.hasPack(id(-20))).isTrue();
            assertThat(index.hasPack(id(-21))).isFalse();
            assertThat(index.locations()).hasSize(20_000);
            assertThat(index.packEntries(id(-3))).hasSize(perPack).first().isEqualTo(entry(2 * perPack, 1L << 33));
        }
    }

    @Test
    void theFirstPackOfADuplicateBlobWinsButEachPackListsItsOwnEntries() throws IOException {
        try (MasterIndex index = new MasterIndex()) {
            BlobId first = id(-1);
            BlobId second = id(-2);
            index.addPack(first, List.of(entry(1, 0), entry(2, 50)));
            index.addPack(second, List.of(entry(2, 10), entry(3, 60)));
            index.addPack(first, List.of(entry(9, 0))); // listed again by another index file: the first list stays

            assertThat(index.lookup(id(2)).pack()).isEqualTo(first);
            assertThat(index.lookup(id(2)).offset()).isEqualTo(50);
            assertThat(index.lookup(id(9))).isNull();
            assertThat(index.blobCount()).isEqualTo(3);
            assertThat(index.locations()).hasSize(3);
            assertThat(index.packEntries(second)).containsExactly(entry(2, 10), entry(3, 60));
            assertThat(index.packEntries(first)).containsExactly(entry(1, 0), entry(2, 50));
            assertThat(index.packEntries(id(-3))).isEmpty();
        }
    }

    @Test
    void anOverlayBeyondItsLimitIsWrittenOutAsARunAndStillFound() throws IOException {
        try (MasterIndex index = new MasterIndex()) {
            int total = MasterIndex.OVERLAY_MAX + 5_000;
            int perPack = 2_500;
            for (int p = 0; p * perPack < total; p++) {
                List<PackEntry> entries = new ArrayList<>();
                for (int i = p * perPack; i < Math.min(total, (p + 1) * perPack); i++) {
                    entries.add(entry(i, 10L * i));
                }
                index.addPack(id(-1 - p), entries);
            }
            assertThat(index.runs()).hasSize(1);
            assertThat(index.runs().getFirst().covered()).isEmpty();
            for (int n = 0; n < total; n += 7) {
                assertThat(index.lookup(id(n))).isEqualTo(new BlobLocation(id(-1 - n / perPack), entry(n, 0).type(), 10L * n,
                        100 + n, 200 + n, n % 2 == 0));
            }
            assertThat(index.contains(id(total))).isFalse();
            assertThat(index.blobCount()).isEqualTo(total);
            assertThat(index.packEntries(id(-2))).hasSize(perPack);
        }
    }
}
