package dev.cairn.engine.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.engine.format.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The streaming tree encoder writes exactly the bytes data binding writes, so no tree id changes. */
class TreeEncoderTest {

    @Test
    @DisplayName("random trees encode to the bytes data binding writes, through the reused buffer as well")
    void randomTreesEncodeAsDataBinding() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            Tree tree = random.nextInt(10) == 0 ? new Tree(List.of(), parts(random)) : new Tree(nodes(random, 40));
            byte[] bound = Json.write(tree);
            assertThat(TreeEncoder.encode(tree)).isEqualTo(bound);
            byte[] viaSink = TreeEncoder.encode(tree, (json, length) -> Arrays.copyOf(json, length));
            assertThat(viaSink).isEqualTo(bound);
        }
    }

    @Test
    @DisplayName("names with quotes, backslashes, control characters, non-ASCII and lone surrogates encode as data binding encodes them")
    void hostileNames() {
        List<String> names = List.of("\"", "\\", "\u0000", "\u001f", "\n\r\t\b\f", "\u007f", "é", "日本語", "😀", "\ud800",
                "a\udc00b", "</script>", "\u2028\u2029", "", " ");
        List<Node> nodes = new ArrayList<>();
        int i = 0;
        for (String name : names) {
            nodes.add(new Node(name, Node.SYMLINK, 0777, -1, Long.MIN_VALUE, -1, Integer.MIN_VALUE, name, null, Long.MAX_VALUE,
                    0, 1, 0, null, null, name + i++));
        }
        Tree tree = new Tree(nodes);
        assertThat(new String(TreeEncoder.encode(tree), java.nio.charset.StandardCharsets.ISO_8859_1))
                .isEqualTo(new String(Json.write(tree), java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Test
    @DisplayName("null content ids, an empty tree and a large tree encode as data binding encodes them")
    void edgeCases() {
        List<Node> withNull = new ArrayList<>();
        withNull.add(new Node("f", Node.FILE, 0644, 1, 2, 3, 4, "u", "g", 5, 6, 1, 7, Arrays.asList("a", null, "b"), null, null));
        for (Tree tree : List.of(new Tree(List.of()), new Tree(List.of(), List.of()), new Tree(withNull),
                new Tree(nodes(new Random(1), 5000)))) {
            assertThat(TreeEncoder.encode(tree)).isEqualTo(Json.write(tree));
        }
    }

    private static List<String> parts(Random random) {
        List<String> parts = new ArrayList<>();
        for (int i = random.nextInt(4); i >= 0; i--) {
            parts.add(hex(random));
        }
        return parts;
    }

    private static List<Node> nodes(Random random, int most) {
        List<Node> out = new ArrayList<>();
        int n = random.nextInt(most) + (most > 100 ? most / 2 : 0);
        for (int i = 0; i < n; i++) {
            String type = List.of(Node.FILE, Node.DIR, Node.SYMLINK, "fifo").get(random.nextInt(4));
            List<String> content = Node.FILE.equals(type) ? randomIds(random) : null;
            out.add(new Node("n" + i + (random.nextBoolean() ? "\u00e9\"\\\u0001" : ""), type, random.nextInt(07777),
                    random.nextLong(), random.nextLong(), random.nextInt(), random.nextInt(),
                    random.nextBoolean() ? "user" : null, random.nextBoolean() ? "grp" : null, random.nextLong(),
                    random.nextLong(), random.nextInt(), random.nextLong(), content,
                    Node.DIR.equals(type) ? hex(random) : null, Node.SYMLINK.equals(type) ? "/t\u00fc" + i : null));
        }
        return out;
    }

    private static List<String> randomIds(Random random) {
        List<String> ids = new ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            ids.add(hex(random));
        }
        return ids;
    }

    private static String hex(Random random) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return java.util.HexFormat.of().formatHex(b);
    }
}
