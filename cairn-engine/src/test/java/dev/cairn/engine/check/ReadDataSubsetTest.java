package dev.cairn.engine.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.engine.id.BlobId;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReadDataSubsetTest {
    private static final List<BlobId> PACKS = IntStream.range(0, 40).mapToObj(ReadDataSubsetTest::id).sorted().toList();

    @Test
    void allSelectsEverything() {
        assertThat(ReadDataSubset.ALL.select(PACKS, new Random(1))).isEqualTo(PACKS);
    }

    @Test
    void groupsPartitionByFirstByteOfTheId() {
        Set<BlobId> seen = new HashSet<>();
        for (int n = 1; n <= 7; n++) {
            int group = n;
            List<BlobId> selected = new ReadDataSubset.Group(n, 7).select(PACKS, new Random(1));
            assertThat(selected).allSatisfy(p -> assertThat((p.toBytes()[0] & 0xff) % 7).isEqualTo(group - 1));
            assertThat(selected).allSatisfy(p -> assertThat(seen.add(p)).as("in one group only").isTrue());
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(PACKS);
    }

    @Test
    void percentageSelectsThatShareSortedWithoutRepeats() {
        List<BlobId> selected = new ReadDataSubset.Percentage(10).select(PACKS, new Random(7));

        assertThat(selected).hasSize(4).doesNotHaveDuplicates().isSorted().isSubsetOf(PACKS);
        assertThat(new ReadDataSubset.Percentage(10).select(PACKS, new Random(7))).as("same seed, same choice").isEqualTo(selected);
    }

    @Test
    void percentageSelectsAtLeastOnePackAndNothingFromNothing() {
        assertThat(new ReadDataSubset.Percentage(0.1).select(PACKS, new Random(1))).hasSize(1);
        assertThat(new ReadDataSubset.Percentage(50).select(List.of(), new Random(1))).isEmpty();
    }

    @Test
    void percentageVariesWithTheRandomSource() {
        Set<List<BlobId>> choices = new HashSet<>();
        for (int seed = 0; seed < 20; seed++) {
            choices.add(new ReadDataSubset.Percentage(10).select(PACKS, new Random(seed)));
        }
        assertThat(choices).as("over 20 runs the 4-of-40 choice should differ").hasSizeGreaterThan(10);
        List<BlobId> union = new ArrayList<>();
        choices.forEach(union::addAll);
        assertThat(new HashSet<>(union)).hasSizeGreaterThan(20);
    }

    private static BlobId id(int i) {
        try {
            return BlobId.of(MessageDigest.getInstance("SHA-256").digest(new byte[] {(byte) i}));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
