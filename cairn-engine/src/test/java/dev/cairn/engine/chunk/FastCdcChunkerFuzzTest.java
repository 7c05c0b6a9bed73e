package dev.cairn.engine.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * Feeds arbitrary bytes through small chunker specs (so that fuzz-sized inputs hold many chunks) and checks the
 * {@link Chunker} contract: coverage, bounds, prefix stability and agreement with the naive definition. Runs the checked-in
 * corpus under plain {@code mvn test}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class FastCdcChunkerFuzzTest {

    private static final List<FastCdcChunker> CHUNKERS = List.of(
            new FastCdcChunker(new ChunkerSpec("FUZZ-A", 64, 128, 256, 0), Inputs.SECRET),
            new FastCdcChunker(new ChunkerSpec("FUZZ-B", 64, 256, 1024, 2), Inputs.SECRET),
            new FastCdcChunker(new ChunkerSpec("FUZZ-C", 100, 512, 700, 3), Inputs.sequence(7)),
            new FastCdcChunker(ChunkerSpec.FASTCDC_1M, Inputs.SECRET));

    @FuzzTest
    void chunksCoverTheInputWithinBounds(FuzzedDataProvider provider) {
        FastCdcChunker chunker = CHUNKERS.get(provider.consumeInt(0, CHUNKERS.size() - 1));
        int lead = provider.consumeInt(0, 16);
        byte[] data = provider.consumeRemainingAsBytes();
        ChunkerSpec spec = chunker.spec();
        ReferenceFastCdc reference = new ReferenceFastCdc(spec, chunker == CHUNKERS.get(2) ? Inputs.sequence(7) : Inputs.SECRET);
        byte[] buf = new byte[lead + data.length];
        System.arraycopy(data, 0, buf, lead, data.length);

        long covered = 0;
        for (int off = lead; off < buf.length; ) {
            int left = buf.length - off;
            int len = chunker.nextChunkLength(buf, off, left);
            assertThat(len).isBetween(1, Math.min(left, spec.maxSize()));
            if (len < left) {
                assertThat(len).isGreaterThanOrEqualTo(spec.minSize());
            }
            assertThat(len).isEqualTo(reference.nextChunkLength(buf, off, left));
            if (left > spec.maxSize()) {
                assertThat(chunker.nextChunkLength(buf, off, spec.maxSize())).isEqualTo(len);
            }
            covered += len;
            off += len;
        }
        assertThat(covered).isEqualTo(data.length);
    }
}
