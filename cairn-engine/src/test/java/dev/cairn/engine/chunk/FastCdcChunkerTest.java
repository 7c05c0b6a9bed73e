package dev.cairn.engine.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FastCdcChunkerTest {

    private static final int KIB = 1 << 10;
    private static final int MIB = 1 << 20;
    private static final Chunker CHUNKER = Chunkers.create("FASTCDC-1M", Inputs.SECRET);
    private static final int MIN = CHUNKER.spec().minSize();
    private static final int MAX = CHUNKER.spec().maxSize();

    @Nested
    @DisplayName("chunks cover the input within the size bounds")
    class Coverage {

        @Test
        void randomInputIsCoveredExactlyWithinBounds() {
            byte[] data = Inputs.random(7, 24 * MIB + 123);
            int[] lengths = Chunking.lengths(CHUNKER, data);
            assertThat(Arrays.stream(lengths).asLongStream().sum()).isEqualTo(data.length);
            assertThat(Arrays.stream(lengths, 0, lengths.length - 1).boxed()).allSatisfy(l -> assertThat(l).isBetween(MIN, MAX));
            assertThat(lengths[lengths.length - 1]).isBetween(1, MAX);
        }

        @Test
        void allZeroInputGivesMaxSizeChunks() {
            int[] lengths = Chunking.lengths(CHUNKER, new byte[4 * MAX + 1000]);
            assertThat(lengths).containsExactly(MAX, MAX, MAX, MAX, 1000);
        }

        @Test
        void inputShorterThanMinIsOneChunk() {
            byte[] data = Inputs.random(8, 100 * KIB);
            assertThat(CHUNKER.nextChunkLength(data, 0, data.length)).isEqualTo(data.length);
            assertThat(CHUNKER.nextChunkLength(data, 5, 1)).isEqualTo(1);
            assertThat(CHUNKER.nextChunkLength(new byte[MIN], 0, MIN)).isEqualTo(MIN);
        }
    }

    @Nested
    @DisplayName("size distribution on random data")
    class Distribution {

        @Test
        void meanChunkSizeIsNearOneMiB() {
            int[] lengths = Chunking.lengths(CHUNKER, Inputs.random(11, 96 * MIB));
            double mean = Arrays.stream(lengths, 0, lengths.length - 1).average().orElseThrow();
            assertThat(mean).isBetween(0.9 * MIB, 1.5 * MIB);
            long nearAverage = Arrays.stream(lengths).filter(l -> l >= 512 * KIB && l <= 2 * MIB).count();
            assertThat(nearAverage).isGreaterThan(lengths.length * 3L / 4);
        }
    }

    @Nested
    @DisplayName("cut points resynchronise after an edit")
    class Resync {

        @Test
        void insertionNearTheStartChangesOnlyTheFirstChunks() {
            byte[] original = Inputs.random(21, 32 * MIB);
            byte[] edited = insert(original, 1000, Inputs.random(22, 100));
            long[] before = Chunking.cutOffsets(Chunking.lengths(CHUNKER, original));
            long[] after = Chunking.cutOffsets(Chunking.lengths(CHUNKER, edited));
            long[] shiftedBack = Arrays.stream(after).map(c -> c - 100).toArray();
            assertThat(before.length).isGreaterThan(20);
            assertThat(Arrays.copyOfRange(shiftedBack, shiftedBack.length - (before.length - 2), shiftedBack.length))
                    .containsExactly(Arrays.copyOfRange(before, 2, before.length));
        }

        @Test
        void insertionInTheMiddleChangesOnlyTheChunksAroundIt() {
            byte[] original = Inputs.random(23, 32 * MIB);
            int at = 16 * MIB + 12345;
            byte[] edited = insert(original, at, Inputs.random(24, 4096));
            long[] before = Chunking.cutOffsets(Chunking.lengths(CHUNKER, original));
            long[] after = Chunking.cutOffsets(Chunking.lengths(CHUNKER, edited));
            long unchangedBefore = Arrays.stream(before).filter(c -> c <= at).count();
            long[] tailBefore = Arrays.stream(before).filter(c -> c > at + 2L * MAX).toArray();
            long[] tailAfter = Arrays.stream(after).filter(c -> c > at + 2L * MAX + 4096).map(c -> c - 4096).toArray();
            assertThat(Arrays.copyOf(after, (int) unchangedBefore)).containsExactly(Arrays.copyOf(before, (int) unchangedBefore));
            assertThat(tailAfter).containsExactly(tailBefore);
        }

        private static byte[] insert(byte[] data, int at, byte[] extra) {
            byte[] out = new byte[data.length + extra.length];
            System.arraycopy(data, 0, out, 0, at);
            System.arraycopy(extra, 0, out, at, extra.length);
            System.arraycopy(data, at, out, at + extra.length, data.length - at);
            return out;
        }
    }

    @Nested
    @DisplayName("the secret keys the cut points")
    class Keying {

        @Test
        void differentSecretGivesDifferentCutPoints() {
            byte[] data = Inputs.random(31, 16 * MIB);
            Chunker other = Chunkers.create("FASTCDC-1M", Inputs.sequence(1));
            long[] a = Chunking.cutOffsets(Chunking.lengths(CHUNKER, data));
            long[] b = Chunking.cutOffsets(Chunking.lengths(other, data));
            assertThat(Arrays.stream(b).filter(c -> Arrays.binarySearch(a, c) >= 0).count()).isLessThanOrEqualTo(1);
        }

        @Test
        void sameSecretGivesSameCutPointsAcrossInstancesAndThreads() throws Exception {
            byte[] data = Inputs.random(32, 16 * MIB);
            int[] expected = Chunking.lengths(Chunkers.create("FASTCDC-1M", Inputs.SECRET.clone()), data);
            try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
                List<Future<int[]>> results = IntStream.range(0, 4)
                        .mapToObj(i -> pool.submit(() -> Chunking.lengths(CHUNKER, data))).toList();
                for (Future<int[]> result : results) {
                    assertThat(result.get()).containsExactly(expected);
                }
            }
        }
    }

    @Nested
    @DisplayName("a short len marks the end of the stream")
    class EndOfStream {

        @Test
        void streamingThroughAMaxSizedWindowMatchesWholeInput() {
            byte[] data = Inputs.random(41, 20 * MIB + 999);
            int[] whole = Chunking.lengths(CHUNKER, data);
            assertThat(Chunking.streamed(CHUNKER, data, MAX)).containsExactly(whole);
            assertThat(Chunking.streamed(CHUNKER, data, MAX + 12345)).containsExactly(whole);
        }

        @Test
        void aCutWithinLenIsFoundWhateverLenIs() {
            byte[] data = Inputs.random(42, 2 * MAX);
            int cut = CHUNKER.nextChunkLength(data, 0, data.length);
            assertThat(cut).isLessThan(MAX);
            for (int len : new int[] {cut, cut + 1, MAX - 1, MAX, MAX + 1}) {
                assertThat(CHUNKER.nextChunkLength(data, 0, len)).as("len %d", len).isEqualTo(cut);
            }
            assertThat(CHUNKER.nextChunkLength(data, 0, cut - 1)).isEqualTo(cut - 1);
            assertThat(CHUNKER.nextChunkLength(data, 0, MIN + 1)).isEqualTo(MIN + 1);
        }

        @Test
        void resultDependsOnlyOnBytesFromOff() {
            byte[] data = Inputs.random(43, MAX + 5000);
            byte[] embedded = new byte[data.length + 777];
            Arrays.fill(embedded, (byte) 0x5a);
            System.arraycopy(data, 0, embedded, 777, data.length);
            assertThat(CHUNKER.nextChunkLength(embedded, 777, data.length))
                    .isEqualTo(CHUNKER.nextChunkLength(data, 0, data.length));
        }
    }

    @Nested
    @DisplayName("the optimised loop matches the naive definition")
    class Reference {

        @Test
        void matchesOnSmallSpecsAtEveryNormalizationLevel() {
            for (int level = 0; level <= 3; level++) {
                ChunkerSpec spec = new ChunkerSpec("TEST-SMALL", 64 + 13 * level, 1024, 4096 + 1, level);
                for (byte[] data : List.of(Inputs.random(50 + level, 300 * KIB), Inputs.text(60 + level, 300 * KIB))) {
                    assertMatchesReference(spec, data);
                }
            }
        }

        @Test
        void matchesAtEveryOffsetForManyLengths() {
            ChunkerSpec spec = new ChunkerSpec("TEST-TINY", 64, 128, 256, 1);
            FastCdcChunker fast = new FastCdcChunker(spec, Inputs.SECRET);
            ReferenceFastCdc reference = new ReferenceFastCdc(spec, Inputs.SECRET);
            byte[] data = Inputs.random(80, 8 * KIB);
            java.util.Random lengths = new java.util.Random(81);
            for (int off = 0; off < 6 * KIB; off++) {
                int len = 1 + lengths.nextInt(2 * spec.maxSize());
                assertThat(fast.nextChunkLength(data, off, len)).as("off %d len %d", off, len)
                        .isEqualTo(reference.nextChunkLength(data, off, len));
            }
        }

        @Test
        void matchesOnFastCdc1M() {
            assertMatchesReference(ChunkerSpec.FASTCDC_1M, Inputs.random(70, 12 * MIB + 1));
        }

        private static void assertMatchesReference(ChunkerSpec spec, byte[] data) {
            FastCdcChunker fast = new FastCdcChunker(spec, Inputs.SECRET);
            ReferenceFastCdc reference = new ReferenceFastCdc(spec, Inputs.SECRET);
            for (int off = 0; off < data.length; ) {
                int expected = reference.nextChunkLength(data, off, data.length - off);
                assertThat(fast.nextChunkLength(data, off, data.length - off)).as("chunk at %d", off).isEqualTo(expected);
                off += expected;
            }
        }
    }

    @Nested
    class Arguments {

        @Test
        void rejectsAnEmptyRange() {
            assertThatThrownBy(() -> CHUNKER.nextChunkLength(new byte[10], 3, 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("len is 0");
        }

        @Test
        void rejectsARangeOutsideTheBuffer() {
            assertThatThrownBy(() -> CHUNKER.nextChunkLength(new byte[10], 5, 6))
                    .isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> CHUNKER.nextChunkLength(new byte[10], -1, 2))
                    .isInstanceOf(IndexOutOfBoundsException.class);
        }
    }
}
