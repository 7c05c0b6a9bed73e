package dev.cairn.engine.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.engine.format.Json;
import dev.cairn.engine.id.BlobId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Known answers of format version 2's split trees (spec §Trees): where a listing is cut into parts, and the exact bytes of
 * a tree that lists parts. A change here changes the tree ids of large directories (their parts would no longer
 * deduplicate against earlier backups) or the format itself: it needs a spec change.
 */
class TreePartsVectorTest {
    @Test
    void partsEndWhereTheSpecSays() throws IOException {
        Map<String, String> v = vector();
        List<Tree> saved = new ArrayList<>();
        TreeBuilder b = new TreeBuilder(tree -> {
            saved.add(tree);
            return BlobId.sha256(Json.write(tree)).hex();
        }, true);
        for (int i = 0; i < 20_000; i++) {
            b.add(file(String.format("f%07d.txt", i), i % 97 == 0 ? 300 : 1));
        }
        String top = b.finish();
        List<String> sizes = saved.subList(0, saved.size() - 1).stream().map(t -> String.valueOf(t.nodes().size())).toList();
        assertThat(String.join(",", sizes)).isEqualTo(v.get("part_sizes"));
        assertThat(top).isEqualTo(v.get("top_id"));
        assertThat(new String(Json.write(saved.getLast()), StandardCharsets.UTF_8).substring(0, 150)).isEqualTo(v.get("top_json_prefix"));
        assertThat(Integer.toHexString(TreeBuilder.mix("f0000000.txt".hashCode()))).isEqualTo(v.get("mix_f0000000.txt"));
    }

    @Test
    void aPartNamedForReuseIsListedWithoutBeingEncodedOrSaved() throws IOException {
        List<Tree> saved = new ArrayList<>();
        TreeBuilder.Saver saver = tree -> {
            saved.add(tree);
            return BlobId.sha256(Json.write(tree)).hex();
        };
        TreeBuilder plain = new TreeBuilder(saver, true);
        for (int i = 0; i < 5_000; i++) {
            plain.add(file(String.format("f%07d.txt", i), 1));
        }
        plain.finish();
        List<String> parts = saved.getLast().parts();
        assertThat(parts).hasSizeGreaterThan(3);

        saved.clear();
        int[] asked = {0};
        TreeBuilder reusing = new TreeBuilder(saver, true).reusingParts(() -> asked[0]++ % 2 == 0 ? parts.get(asked[0] - 1) : null);
        assertThat(reusing.atPartStart()).isTrue();
        for (int i = 0; i < 5_000; i++) {
            reusing.add(file(String.format("f%07d.txt", i), 1));
        }
        reusing.finish();
        assertThat(asked[0]).isEqualTo(parts.size());
        assertThat(saved.getLast().parts()).isEqualTo(parts); // the same listing: reused and saved parts in place
        assertThat(saved).hasSize(parts.size() / 2 + 1); // only the odd parts and the list of parts were saved
    }

    @Test
    void aListingThatFitsOnePartIsTheVersionOneTree() throws IOException {
        List<Tree> saved = new ArrayList<>();
        TreeBuilder b = new TreeBuilder(tree -> {
            saved.add(tree);
            return "x";
        }, true);
        b.add(file("a", 1));
        b.add(file("b", 2));
        b.finish();
        assertThat(saved).hasSize(1);
        assertThat(new String(Json.write(saved.getFirst()), StandardCharsets.UTF_8)).startsWith("{\"nodes\":[{\"name\":\"a\"")
                .doesNotContain("parts");
    }

    private static Node file(String name, int blobs) {
        List<String> content = new ArrayList<>();
        for (int i = 0; i < blobs; i++) {
            content.add(BlobId.sha256(new byte[] {(byte) i, (byte) (i >> 8)}).hex());
        }
        return new Node(name, Node.FILE, 0644, 1_700_000_000_000_000_000L, 1_700_000_000_000_000_000L, 1000, 1000, "u", "g", 1, 2, 1,
                blobs * 1000L, content, null, null);
    }

    private static Map<String, String> vector() throws IOException {
        Map<String, String> out = new HashMap<>();
        try (InputStream in = TreePartsVectorTest.class.getResourceAsStream("/vectors/TREE-PARTS.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.startsWith("#") && line.contains("=")) {
                    out.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
                }
            }
        }
        return out;
    }
}
