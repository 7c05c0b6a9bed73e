package dev.cairn.engine.chunk;

import dev.cairn.testkit.Golden;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pins the {@code FASTCDC-1M} cut points (and the gear table they come from) for seeded inputs. A failure here means
 * the chunker no longer cuts where existing repositories did, which destroys deduplication against them: fix the code,
 * do not regenerate. A deliberate change needs a new chunker name instead.
 */
class ChunkerGoldenTest {

    private static final Path VECTORS = Path.of("src/test/resources/vectors/chunker/FASTCDC-1M.txt");
    private static final int MIB = 1 << 20;

    @Test
    void fastCdc1MCutPointsMatchTheGoldenVectors() {
        Chunker chunker = Chunkers.create("FASTCDC-1M", Inputs.SECRET);
        StringBuilder out = new StringBuilder(header());
        appendGear(out, GearTable.derive(Inputs.SECRET));
        for (Input input : inputs()) {
            appendChunks(out, input, Chunking.lengths(chunker, input.data()));
        }
        Golden.assertMatches(VECTORS, out.toString());
    }

    /** A seeded input: its section name, the recipe an implementer follows to rebuild it, and its bytes. */
    private record Input(String name, String recipe, byte[] data) {}

    private static List<Input> inputs() {
        return List.of(
                new Input("random-1", "new java.util.Random(1).nextBytes(new byte[33554509])", Inputs.random(1, 32 * MIB + 77)),
                new Input("random-2", "new java.util.Random(2).nextBytes(new byte[8388613])", Inputs.random(2, 8 * MIB + 5)),
                new Input("zeros", "new byte[17825792]", new byte[17 * MIB]),
                new Input("text-3", "ASCII lines n = 0, 1, ...: String.format(\"%08d\", n), then 6 times a space and"
                        + " WORDS[r.nextInt(16)] with one r = new java.util.Random(3), then '\\n'; cut to 25165824 bytes;"
                        + " WORDS = " + String.join(" ", Inputs.WORDS), Inputs.text(3, 24 * MIB)));
    }

    private static String header() {
        return """
                # Golden cut points of chunker FASTCDC-1M (min 262144, avg 1048576, max 4194304, normalization level 2).
                # Definition: docs/spec/chunker.md. Produced by ChunkerGoldenTest (cairn-engine); regenerate ONLY for a
                # deliberate format change, which also needs a new chunker name:
                #   scripts/mvn -pl cairn-engine -am test -Dcairn.golden.update=true   (then review the diff)
                # secret (32 bytes, hex): %s
                # [gear] lists gear[i] for i = 0..255, four per line, as unsigned 64-bit hex.
                # Each [input] section lists one chunk per line: "<offset> <length>" in bytes, decimal.
                """.formatted(HexFormat.of().formatHex(Inputs.SECRET));
    }

    private static void appendGear(StringBuilder out, long[] gear) {
        out.append("\n[gear]\n");
        for (int i = 0; i < gear.length; i++) {
            out.append(String.format("%016x", gear[i])).append(i % 4 == 3 ? '\n' : ' ');
        }
    }

    private static void appendChunks(StringBuilder out, Input input, int[] lengths) {
        long total = 0;
        for (int length : lengths) {
            total += length;
        }
        out.append("\n[input ").append(input.name()).append("]\n");
        out.append("# recipe: ").append(input.recipe()).append('\n');
        out.append("# size ").append(total).append(", ").append(lengths.length).append(" chunks\n");
        long off = 0;
        for (int length : lengths) {
            out.append(off).append(' ').append(length).append('\n');
            off += length;
        }
    }
}
