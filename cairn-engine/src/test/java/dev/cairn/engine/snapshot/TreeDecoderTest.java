package dev.cairn.engine.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.engine.format.FormatException;
import dev.cairn.engine.format.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The streaming tree decoder decodes every document exactly as data binding does, and refuses what data binding refuses. */
class TreeDecoderTest {

    private static Tree bound(String json) throws FormatException {
        return Json.read(json.getBytes(StandardCharsets.UTF_8), Tree.class, "tree t");
    }

    private static Tree streamed(String json) throws FormatException {
        return TreeDecoder.decode(json.getBytes(StandardCharsets.UTF_8), "tree t");
    }

    @Test
    @DisplayName("a directory's and a symlink's node read back equal the nodes written (no content is the empty list)")
    void nodesWithoutContentRoundTripEqual() throws Exception {
        Node dir = new Node("d", Node.DIR, 0755, 1, 2, 0, 0, "root", "root", 3, 4, 2, 0, null, "ab".repeat(32), null);
        Node link = new Node("l", Node.SYMLINK, 0777, 1, 2, 0, 0, "root", "root", 5, 4, 1, 0, null, null, "target");
        Tree back = TreeDecoder.decode(Json.write(new Tree(List.of(dir, link))), "tree");
        assertThat(back.nodes()).containsExactly(dir, link);
        assertThat(new String(Json.write(new Tree(List.of(dir))), StandardCharsets.UTF_8)).contains("\"content\":[]");
    }

    @Test
    @DisplayName("random trees written by cairn decode to the trees that were written")
    void randomTrees() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            Tree tree = random.nextInt(10) == 0 ? new Tree(List.of(), List.of(hex(random), hex(random))) : new Tree(nodes(random));
            byte[] json = Json.write(tree);
            Tree decoded = TreeDecoder.decode(json, "tree");
            assertThat(decoded).isEqualTo(Json.read(json, Tree.class, "tree"));
            assertThat(Json.write(decoded)).isEqualTo(json); // what was written (a node's absent content is written as [])
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        "{\"nodes\":null}",
        "{\"nodes\":[]}",
        "{\"nodes\":[],\"parts\":[]}",
        "{\"parts\":null,\"nodes\":[{}]}",
        "{\"nodes\":[{\"name\":\"a\",\"type\":\"file\",\"file\":true,\"dir\":false,\"symlink\":false,\"size\":5,\"content\":null}]}",
        "{\"nodes\":[{\"name\":\"a\",\"type\":\"dir\",\"mode\":\"493\",\"uid\":null,\"mtime_ns\":1.9,\"subtree\":\"x\"}]}",
        "{\"unknown\":{\"deep\":[1,{\"x\":2}]},\"nodes\":[{\"name\":\"é\",\"extra\":[[]],\"link_target\":\"../b\",\"type\":\"symlink\"}]}",
        "{\"nodes\":[{\"name\":\"a\",\"content\":[\"c1\",null,\"c2\"],\"user\":\"root\",\"group\":\"root\",\"inode\":12,\"device\":3,\"links\":2,\"ctime_ns\":7,\"gid\":4}]}",
        "{\"nodes\":[{\"name\":\"a\",\"name\":\"b\",\"size\":1,\"size\":2}]}",
        "{\"nodes\":[{\"name\":5,\"type\":true}]}",
    })
    @DisplayName("edge cases decode as data binding decodes them")
    void sameAsDataBinding(String json) throws Exception {
        assertThat(streamed(json)).isEqualTo(bound(json));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "null", "[]", "{\"nodes\":{}}", "{\"nodes\":[{\"size\":\"big\"}]}", "{\"nodes\":[{\"name\":[\"a\"]}]}",
        "{\"nodes\":[{\"mode\":{}}]}", "{\"nodes\":[{\"uid\":99999999999}]}", "{\"nodes\":[", "{\"nodes\":[{\"content\":\"x\"}]}"})
    @DisplayName("what data binding refuses is refused, naming the tree")
    void refusedAsDataBindingRefuses(String json) {
        assertThatThrownBy(() -> bound(json)).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> streamed(json)).isInstanceOf(FormatException.class).hasMessageContaining("tree t");
    }

    private static List<Node> nodes(Random random) {
        List<Node> out = new ArrayList<>();
        int n = random.nextInt(20);
        for (int i = 0; i < n; i++) {
            String type = Arrays.asList(Node.FILE, Node.DIR, Node.SYMLINK).get(random.nextInt(3));
            List<String> content = Node.FILE.equals(type) ? List.of(hex(random), hex(random)) : null;
            out.add(new Node("n" + i + (random.nextBoolean() ? "\u00e9\"\\" : ""), type, random.nextInt(07777), random.nextLong(),
                    random.nextLong(), random.nextInt(), random.nextInt(), random.nextBoolean() ? "user" : null, "grp",
                    random.nextLong(), random.nextLong(), random.nextInt(), random.nextLong() & Long.MAX_VALUE, content,
                    Node.DIR.equals(type) ? hex(random) : null, Node.SYMLINK.equals(type) ? "/t" + i : null));
        }
        return out;
    }

    private static String hex(Random random) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return java.util.HexFormat.of().formatHex(b);
    }
}
