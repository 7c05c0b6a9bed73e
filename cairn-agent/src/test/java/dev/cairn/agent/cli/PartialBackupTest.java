package dev.cairn.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unreadable items make a partial snapshot and exit code 3. Root reads any file regardless of its mode, and CI often runs
 * as root, so the main case uses a file that fails on read for everyone: {@code /proc/<pid>/mem} of this JVM is a regular
 * file whose first page is unmapped, so reading it fails with EIO (and opening it fails where ptrace is restricted; both are
 * read errors). It is deterministic, unlike deleting a file between scan and read. The chmod 000 case runs for non-root.
 */
@DisplayName("backup with unreadable items: exit 3 and a partial snapshot")
class PartialBackupTest {
    @TempDir
    Path tmp;

    @Test
    @DisplayName("a file that fails on read (/proc/<pid>/mem), even as root")
    void unreadableForEveryone() throws Exception {
        Path mem = Path.of("/proc", Long.toString(ProcessHandle.current().pid()), "mem");
        assumeTrue(Files.isRegularFile(mem), "needs Linux /proc");
        Path src = TestTrees.sample(tmp);
        CliHarness cli = CliHarness.initialised(tmp.resolve("repo"));

        CliHarness.Result r = cli.run("backup", src.toString(), mem.toString());

        assertThat(r.code()).isEqualTo(ExitCodes.PARTIAL);
        assertThat(r.err()).contains("error: " + mem + ": ").contains("partial");
        assertPartialSnapshotWithTheReadableFiles(cli, src);
    }

    @Test
    @DisplayName("a file with mode 000 (skipped as root, who can read it anyway)")
    void permissionDenied() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")), "root reads files regardless of their mode");
        Path src = TestTrees.sample(tmp);
        Path secret = src.resolve("secret.txt");
        Files.writeString(secret, "top secret");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        CliHarness cli = CliHarness.initialised(tmp.resolve("repo"));

        CliHarness.Result r = cli.run("backup", src.toString());

        assertThat(r.code()).isEqualTo(ExitCodes.PARTIAL);
        assertThat(r.err()).contains("error: " + secret + ": ");
        assertPartialSnapshotWithTheReadableFiles(cli, src);
    }

    @Test
    @DisplayName("a source path that does not exist is reported the same way")
    void missingSource() throws Exception {
        Path src = TestTrees.sample(tmp);
        CliHarness cli = CliHarness.initialised(tmp.resolve("repo"));
        CliHarness.Result r = cli.run("backup", "--json", src.toString(), tmp.resolve("gone").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.PARTIAL);
        assertThat(r.err()).contains("error: " + tmp.resolve("gone"));
        assertThat(r.jsonLines()).anySatisfy(l -> assertThat(l.get("message_type").asText()).isEqualTo("error"));
        assertThat(r.lastJsonLine().get("partial").asBoolean()).isTrue();
        assertThat(r.lastJsonLine().get("error_count").asLong()).isEqualTo(1);
    }

    private static void assertPartialSnapshotWithTheReadableFiles(CliHarness cli, Path src) {
        JsonNode snap = cli.ok("snapshots", "--json").json().get(0);
        assertThat(snap.get("partial").asBoolean()).isTrue();
        assertThat(snap.get("summary").get("errors").asLong()).isEqualTo(1);
        assertThat(cli.ok("snapshots").out()).contains("!", "partial");
        assertThat(cli.ok("ls", "latest").out()).contains(src.resolve("big.bin").toString());
    }
}
