package dev.cairn.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.testkit.RandomTreeOptions.Feature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The random tree generator: deterministic, and it really contains the awkward cases it promises. */
class RandomTreeTest {
    @TempDir
    Path tmp;

    @Test
    void theSameSeedGivesTheSameTreeAndAnotherSeedAnotherTree() {
        RandomTreeOptions options = RandomTreeOptions.defaults();
        assertThat(TestTree.random(1, options)).isEqualTo(TestTree.random(1, options));
        assertThat(TestTree.random(1, options)).isNotEqualTo(TestTree.random(2, options));
    }

    @Test
    void twoMaterialisationsOfOneSeedAreTheSameTree() throws IOException {
        TreeDir tree = TestTree.random(7, RandomTreeOptions.defaults().withLargeFiles(1, 4 << 20));
        Path a = tree.materialize(Files.createDirectory(tmp.resolve("a")));
        Path b = TestTree.random(7, RandomTreeOptions.defaults().withLargeFiles(1, 4 << 20))
                .materialize(Files.createDirectory(tmp.resolve("b")));
        TreeAssert.assertSameTree(a, b);
        assertThat(TreeAssert.differences(a, TestTree.random(8, RandomTreeOptions.defaults().withLargeFiles(1, 4 << 20))
                .materialize(Files.createDirectory(tmp.resolve("c"))))).isNotEmpty();
    }

    @Test
    void theDefaultTreeHasEveryAwkwardCase() throws IOException {
        Path root = TestTree.random(3, RandomTreeOptions.defaults()).materialize(tmp);
        List<Path> all = walk(root);

        assertThat(all).anyMatch(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && size(p) == 0);
        assertThat(all).anyMatch(p -> isEmptyDir(p));
        assertThat(all).anyMatch(p -> root.relativize(p).getNameCount() > 20);
        assertThat(all).anyMatch(p -> nameBytes(p) == 255 && p.getFileName().toString().startsWith("中"));
        assertThat(all).anyMatch(p -> nameBytes(p) == 255 && p.getFileName().toString().startsWith("😀"));
        assertThat(all).anyMatch(p -> p.getFileName().toString().contains("\n"));
        assertThat(root.resolve("names/nfc").resolve(Normalizer.normalize("café", Normalizer.Form.NFC))).exists();
        assertThat(root.resolve("names/nfd").resolve(Normalizer.normalize("café", Normalizer.Form.NFD))).exists();
        assertThat(Files.readSymbolicLink(root.resolve("links/absolute-dangling")).isAbsolute()).isTrue();
        assertThat(Files.exists(root.resolve("links/dangling"))).isFalse();
        assertThat(root.resolve("links/up-and-over")).hasSameBinaryContentAs(root.resolve("links/sub/in-sub.txt"));
        assertThat(all.stream().filter(p -> !Files.isSymbolicLink(p)).map(RandomTreeTest::mode).distinct())
                .hasSizeGreaterThan(4);
        assertThat(all.stream().filter(p -> !Files.isSymbolicLink(p)).map(RandomTreeTest::mtime).distinct())
                .hasSizeGreaterThan(100);
    }

    @Test
    void featuresCanBeLeftOut() throws IOException {
        RandomTreeOptions plain = RandomTreeOptions.defaults().without(Feature.values()).withDeepNesting(0)
                .withLargeFiles(0, 0).withMediumFiles(0, 1 << 20);
        Path root = TestTree.random(4, plain).materialize(tmp);
        List<Path> all = walk(root);
        assertThat(all).noneMatch(Files::isSymbolicLink);
        assertThat(all).allMatch(p -> StandardCharsets.US_ASCII.newEncoder().canEncode(p.getFileName().toString()));
        assertThat(all.stream().map(RandomTreeTest::mtime).distinct()).containsExactly(TestTree.DEFAULT_MTIME.toEpochMilli());
    }

    @Test
    @Timeout(60)
    void largeFilesAreSparseSoGigabytesAreCheap() throws IOException {
        long size = 3L << 30;
        RandomTreeOptions options = RandomTreeOptions.defaults().withFiles(5, 1).withLargeFiles(2, size)
                .without(Feature.values());
        Path root = TestTree.random(5, options).materialize(tmp);
        assertThat(Files.size(root.resolve("sized/large-0.img"))).isEqualTo(size);
        assertThat(Files.size(root.resolve("sized/large-1.img"))).isEqualTo(size);
        assertThat((Long) Files.getAttribute(root.resolve("sized/large-0.img"), "unix:size")).isEqualTo(size);
    }

    private static List<Path> walk(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(p -> !p.equals(root)).toList();
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean isEmptyDir(Path p) {
        try (Stream<Path> children = Files.list(p)) {
            return Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && children.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static int nameBytes(Path p) {
        return p.getFileName().toString().getBytes(StandardCharsets.UTF_8).length;
    }

    private static String mode(Path p) {
        try {
            return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long mtime(Path p) {
        try {
            return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
