package dev.cairn.engine.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link NativeStat} reports exactly what the JDK's {@code unix:} attribute view reports, for every kind of entry. */
class NativeStatTest {
    @TempDir
    Path tmp;

    @Test
    void statxIsUsedOnLinuxWithUtf8FileNames() {
        boolean utf8 = "UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding")); // the build sets LC_ALL=C.UTF-8
        assertThat(NativeStat.available()).isEqualTo(System.getProperty("os.name").startsWith("Linux") && utf8);
    }

    @Test
    void agreesWithTheJdkOnFilesDirectoriesSymlinksAndOtherDisks() throws Exception {
        Path file = Files.writeString(tmp.resolve("file.txt"), "some bytes");
        Files.setLastModifiedTime(file, FileTime.from(java.time.Instant.parse("1969-12-31T23:59:58.123456789Z"))); // before 1970
        Path executable = Files.writeString(tmp.resolve("mode"), "x");
        Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwxr-x---"));
        Path dir = Files.createDirectories(tmp.resolve("dir ü/ñ"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), file);
        Path dangling = Files.createSymbolicLink(tmp.resolve("dangling"), tmp.resolve("nowhere"));
        Path hard = Files.createLink(tmp.resolve("hard"), file);
        List<Path> paths = new ArrayList<>(List.of(file, executable, dir, dir.getParent(), link, dangling, hard, tmp));
        paths.add(Path.of("").toAbsolutePath()); // the working copy: another file system than a tmpfs /tmp, as a rule
        paths.add(Path.of("/"));
        paths.add(Path.of("/dev/null")); // a special file (no node kind), on devtmpfs

        for (Path p : paths) {
            assertThat(NativeStat.stat(p, false)).as("lstat %s", p).isEqualTo(Metadata.jdkStat(p, LinkOption.NOFOLLOW_LINKS));
            if (!p.equals(dangling)) {
                assertThat(NativeStat.stat(p, true)).as("stat %s", p).isEqualTo(Metadata.jdkStat(p));
            }
        }
        assertThat(NativeStat.stat(link, false).kind()).isEqualTo("symlink");
        assertThat(NativeStat.stat(link, true).kind()).isEqualTo("file");
        assertThat(NativeStat.stat(hard, false).links()).isEqualTo(2);
    }

    @Test
    void leavesFailuresToTheJdkWhichNamesThem() throws Exception {
        Path missing = tmp.resolve("missing");
        assertThat(NativeStat.stat(missing, false)).isNull();
        assertThatThrownBy(() -> new Metadata().stat(missing)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void makedevPacksAsGlibcDoes() {
        assertThat(NativeStat.makedev(8, 1)).isEqualTo(0x801L);
        assertThat(NativeStat.makedev(259, 3)).isEqualTo(0x10303L);
        assertThat(NativeStat.makedev(0x12345, 0x6789AB)).isEqualTo(0x0001_2006_7893_45ABL);
    }
}
