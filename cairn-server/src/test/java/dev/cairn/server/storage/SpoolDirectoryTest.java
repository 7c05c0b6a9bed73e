package dev.cairn.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.server.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spool files are private to the server's user, and leftovers of a killed process are swept by age. */
class SpoolDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void newFilesAreReadableByTheServerOnly() throws IOException {
        Path file = new SpoolDirectory(dir.resolve("spool")).newFile("import-");
        assertThat(file.getParent()).isEqualTo(dir.resolve("spool"));
        assertThat(Files.getPosixFilePermissions(file))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    }

    @Test
    void sweepDeletesOnlyFilesOlderThanTheCutoff() throws IOException {
        SpoolDirectory spool = new SpoolDirectory(dir);
        Instant now = Instant.parse("2026-11-24T12:00:00Z");
        Path old = aged(spool.newFile("upload-"), now.minus(Duration.ofHours(7)));
        Path recent = aged(spool.newFile("import-"), now.minus(Duration.ofMinutes(10)));
        Path subdir = Files.createDirectory(dir.resolve("keep"));
        Files.setLastModifiedTime(subdir, FileTime.from(now.minus(Duration.ofDays(9))));

        assertThat(spool.sweep(now.minus(Duration.ofHours(6)))).isEqualTo(1);
        assertThat(old).doesNotExist();
        assertThat(recent).exists();
        assertThat(subdir).exists();
        assertThat(new SpoolDirectory(dir.resolve("missing")).sweep(now)).isZero();
    }

    @Test
    void serverStartRemovesLeftoversOfAKilledProcess() throws IOException {
        Path spool = dir.resolve("spool");
        Files.createDirectories(spool);
        Path leftover = aged(Files.writeString(spool.resolve("import-1.tmp"), "customer,total\nacme,10\n"),
                Instant.now().minus(Duration.ofDays(1)));
        Path inUse = Files.writeString(spool.resolve("upload-2.tmp"), "x");
        try (TestServer server = TestServer.start(dir)) {
            assertThat(leftover).doesNotExist();
            assertThat(inUse).exists();
        }
    }

    private static Path aged(Path file, Instant modified) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }
}
