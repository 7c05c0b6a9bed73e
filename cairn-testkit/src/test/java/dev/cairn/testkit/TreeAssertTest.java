package dev.cairn.testkit;

import static dev.cairn.testkit.TestTree.dir;
import static dev.cairn.testkit.TestTree.file;
import static dev.cairn.testkit.TestTree.root;
import static dev.cairn.testkit.TestTree.symlink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TreeAssert} must notice every kind of difference a restore could get wrong. */
class TreeAssertTest {
    private static final Instant MTIME = Instant.parse("2021-06-01T10:00:00.123456789Z");
    private static final TreeDir TREE = root(
            dir("a",
                    file("x", DeterministicRandom.bytes(1, 5000)).withMode("rw-------").withMtime(MTIME),
                    symlink("l", "x"),
                    dir("empty").withMode("rwx------")),
            file("top.txt", "hello"));

    @TempDir
    Path tmp;
    private Path expected;
    private Path actual;

    @BeforeEach
    void materializeTwice() throws IOException {
        expected = TREE.materialize(Files.createDirectory(tmp.resolve("expected")));
        actual = TREE.materialize(Files.createDirectory(tmp.resolve("actual")));
    }

    @Test
    void identicalTreesPass() {
        TreeAssert.assertSameTree(expected, actual);
    }

    @Test
    void aChangedByteIsDetected() throws IOException {
        try (FileChannel channel = FileChannel.open(actual.resolve("a/x"), StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) ~DeterministicRandom.bytes(1, 5000)[4321]}), 4321);
        }
        Files.setLastModifiedTime(actual.resolve("a/x"), FileTime.from(MTIME));
        assertDifference("content differs: a/x: same size 5000 but sha256");
    }

    @Test
    void aChangedSizeIsDetected() throws IOException {
        Files.writeString(actual.resolve("top.txt"), "hello!");
        Files.setLastModifiedTime(actual.resolve("top.txt"), FileTime.from(TestTree.DEFAULT_MTIME));
        assertDifference("content differs: top.txt: expected 5 bytes, actual 6");
    }

    @Test
    void aChangedModeIsDetected() throws IOException {
        Files.setPosixFilePermissions(actual.resolve("a/x"), PosixFilePermissions.fromString("rw-r--r--"));
        assertDifference("mode differs: a/x: expected rw-------, actual rw-r--r--");
    }

    @Test
    void aChangedMtimeIsDetectedToTheMillisecond() throws IOException {
        Files.setLastModifiedTime(actual.resolve("a/x"), FileTime.from(MTIME.plusMillis(1)));
        assertDifference("mtime differs: a/x: expected 2021-06-01T10:00:00.123Z, actual 2021-06-01T10:00:00.124Z");
    }

    @Test
    void subMillisecondMtimeDifferencesAreIgnored() throws IOException {
        Files.setLastModifiedTime(actual.resolve("a/x"), FileTime.from(MTIME.minusNanos(456_000)));
        TreeAssert.assertSameTree(expected, actual);
    }

    @Test
    void aMissingEmptyDirectoryIsDetected() throws IOException {
        Files.delete(actual.resolve("a/empty"));
        Files.setLastModifiedTime(actual.resolve("a"), FileTime.from(TestTree.DEFAULT_MTIME));
        assertDifference("missing: a/empty (directory)");
    }

    @Test
    void aChangedSymlinkTargetIsDetected() throws IOException {
        Files.delete(actual.resolve("a/l"));
        Files.createSymbolicLink(actual.resolve("a/l"), Path.of("../top.txt"));
        Files.setLastModifiedTime(actual.resolve("a"), FileTime.from(TestTree.DEFAULT_MTIME));
        assertDifference("symlink target differs: a/l: expected 'x', actual '../top.txt'");
    }

    @Test
    void anExtraEntryAndAChangedTypeAreDetected() throws IOException {
        Files.writeString(actual.resolve("extra"), "surprise");
        Files.delete(actual.resolve("a/empty"));
        Files.writeString(actual.resolve("a/empty"), "");
        assertThat(TreeAssert.differences(expected, actual)).contains(
                "unexpected: extra (file, 8 bytes)",
                "type differs: a/empty: expected directory, actual file, 0 bytes");
    }

    @Test
    void theFailureMessageListsEveryDifference() throws IOException {
        Files.setPosixFilePermissions(actual.resolve("top.txt"), PosixFilePermissions.fromString("rwx------"));
        Files.delete(actual.resolve("a/l"));
        assertThatThrownBy(() -> TreeAssert.assertSameTree(expected, actual))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("trees differ in 3 place(s)")
                .hasMessageContaining("- missing: a/l (symlink to 'x')")
                .hasMessageContaining("- mode differs: top.txt")
                .hasMessageContaining("- mtime differs: a:");
    }

    private void assertDifference(String expectedLine) throws IOException {
        assertThat(TreeAssert.differences(expected, actual)).hasSize(1).first().asString().startsWith(expectedLine);
        assertThatThrownBy(() -> TreeAssert.assertSameTree(expected, actual))
                .isInstanceOf(AssertionError.class).hasMessageContaining(expectedLine);
    }
}
