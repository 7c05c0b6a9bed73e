package dev.cairn.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.id.BlobType;
import dev.cairn.engine.pack.PackEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Known answer of the local index cache's run file (spec §Local index cache): exact bytes, then lookups from them. */
class IndexRunVectorTest {
    @TempDir
    Path tmp;

    private static BlobId id(int n) {
        return BlobId.sha256(new byte[] {(byte) n});
    }

    @Test
    void aRunHasTheSpecifiedBytesAndAnswersFromThem() throws IOException {
        Map<BlobId, List<PackEntry>> packs = new LinkedHashMap<>();
        packs.put(id(10), List.of(new PackEntry(BlobType.DATA, id(1), 0, 100, 200, true),
                new PackEntry(BlobType.TREE, id(2), 100, 50, 50, false)));
        packs.put(id(11), List.of(new PackEntry(BlobType.DATA, id(3), (1L << 35) + 7, 1 << 22, (1 << 22) + 1, false)));
        Path file;
        try (MasterIndex index = IndexCache.load(tmp, List.of(), (id, v) -> false)) {
            index.addIndexed(id(20), packs);
            file = index.runs().getFirst().file();
            assertThat(HexFormat.of().formatHex(Files.readAllBytes(file))).isEqualTo(vector());
        }
        try (MasterIndex index = IndexCache.load(tmp, List.of(id(20).hex()), (id, v) -> false)) {
            assertThat(index.lookup(id(3))).isEqualTo(new BlobLocation(id(11), BlobType.DATA, (1L << 35) + 7, 1 << 22, (1 << 22) + 1, false));
            assertThat(index.lookup(id(2)).type()).isEqualTo(BlobType.TREE);
            assertThat(index.contains(id(4))).isFalse();
        }
    }

    private static String vector() throws IOException {
        try (InputStream in = IndexRunVectorTest.class.getResourceAsStream("/vectors/INDEX-RUN.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("run=")) {
                    return line.substring(4);
                }
            }
        }
        return null;
    }
}
