package dev.cairn.testkit;

import static dev.cairn.testkit.TestTree.dir;
import static dev.cairn.testkit.TestTree.file;
import static dev.cairn.testkit.TestTree.root;
import static dev.cairn.testkit.TestTree.symlink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Declarative trees are written exactly as declared. */
class TestTreeTest {
    @TempDir
    Path tmp;

    @Test
    void aDeclaredTreeIsWrittenWithItsMetadata() throws IOException {
        Instant mtime = Instant.parse("2010-01-01T00:00:00.5Z");
        Path a = dir("a",
                file("x", new byte[] {1, 2, 3}).withMode("r--------").withMtime(mtime),
                symlink("l", "x"),
                dir("empty").withMode("rwx------").withMtime(mtime)).materialize(tmp);

        assertThat(a).isEqualTo(tmp.resolve("a"));
        assertThat(Files.readAllBytes(a.resolve("x"))).containsExactly(1, 2, 3);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(a.resolve("x")))).isEqualTo("r--------");
        assertThat(Files.getLastModifiedTime(a.resolve("x")).toInstant()).isEqualTo(mtime);
        assertThat(Files.readSymbolicLink(a.resolve("l"))).isEqualTo(Path.of("x"));
        assertThat(a.resolve("empty")).isEmptyDirectory();
        assertThat(Files.getLastModifiedTime(a.resolve("empty")).toInstant()).isEqualTo(mtime);
        assertThat(Files.getLastModifiedTime(a).toInstant()).isEqualTo(TestTree.DEFAULT_MTIME);
    }

    @Test
    void aNamelessRootWritesItsChildrenIntoTheTarget() throws IOException {
        assertThat(root(file("top", "hi")).materialize(tmp)).isEqualTo(tmp);
        assertThat(tmp.resolve("top")).hasContent("hi");
    }

    @Test
    void danglingAndAbsoluteSymlinksAreWrittenVerbatim() throws IOException {
        root(symlink("gone", "nowhere/at/all"), symlink("abs", "/nonexistent/x")).materialize(tmp);
        assertThat(Files.readSymbolicLink(tmp.resolve("gone"))).isEqualTo(Path.of("nowhere/at/all"));
        assertThat(Files.exists(tmp.resolve("abs"))).isFalse();
        assertThat(Files.exists(tmp.resolve("abs"), LinkOption.NOFOLLOW_LINKS)).isTrue();
    }

    @Test
    void sparseFilesHaveTheirSizeAndRegions() throws IOException {
        long size = 10L * 1024 * 1024;
        FileContent.Sparse content = new FileContent.Sparse(size, List.of(
                new FileContent.Region(0, 100, 1), new FileContent.Region(size - 50, 50, 2)));
        Path file = file("sparse", content).materialize(tmp);
        assertThat(Files.size(file)).isEqualTo(size);
        try (var channel = java.nio.channels.FileChannel.open(file)) {
            var head = java.nio.ByteBuffer.allocate(101);
            channel.read(head, 0);
            assertThat(java.util.Arrays.copyOf(head.array(), 100)).isEqualTo(DeterministicRandom.bytes(1, 100));
            assertThat(head.array()[100]).isZero();
            var tail = java.nio.ByteBuffer.allocate(50);
            channel.read(tail, size - 50);
            assertThat(tail.array()).isEqualTo(DeterministicRandom.bytes(2, 50));
        }
    }

    @Test
    void invalidNamesAreRejectedWhenDeclared() {
        for (String bad : new String[] {"", ".", "..", "a/b", "nul\0", "x".repeat(256), "中".repeat(86)}) {
            assertThatThrownBy(() -> file(bad, "x")).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(file("中".repeat(85), "x").name()).hasSize(85);
    }

    @Test
    void duplicateNamesInADirectoryAreRejected() {
        assertThatThrownBy(() -> dir("d", file("x", "1"), symlink("x", "y")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two entries named 'x'");
    }

    @Test
    void sparseRegionsMustBeOrderedAndInside() {
        assertThatThrownBy(() -> new FileContent.Sparse(100, List.of(new FileContent.Region(90, 20, 1))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FileContent.Sparse(100, List.of(
                new FileContent.Region(50, 10, 1), new FileContent.Region(0, 10, 1))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void entriesHaveValueEquality() {
        assertThat(file("x", new byte[] {1})).isEqualTo(file("x", new byte[] {1})).isNotEqualTo(file("x", new byte[] {2}));
    }
}
