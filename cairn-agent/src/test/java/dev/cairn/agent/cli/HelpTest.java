package dev.cairn.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("help and version")
class HelpTest {
    @TempDir
    Path tmp;

    @Test
    @DisplayName("--help lists every command and documents the exit codes, also on subcommands")
    void helpDocumentsExitCodes() {
        CliHarness cli = new CliHarness(tmp);
        String help = cli.ok("--help").out();
        assertThat(help).contains("init", "backup", "snapshots", "ls", "find", "diff", "restore", "cat", "check", "stats", "key",
                "unlock", "version", "Exit codes:", "10", "repository does not exist", "11", "wrong passphrase", "12", "13",
                "CAIRN_REPOSITORY", "CAIRN_PASSWORD");
        assertThat(help).doesNotContain("CAIRN_TEST_KDF");
        assertThat(cli.ok("backup", "--help").out()).contains("--exclude-if-present", "Exit codes:", "partial");
        assertThat(cli.ok("key", "add", "--help").out()).contains("--new-password-file", "Exit codes:");
    }

    @Test
    void versionOptionAndCommand() {
        CliHarness cli = new CliHarness(tmp);
        assertThat(cli.ok("--version").out()).startsWith("cairn ").contains("Java 25");
        assertThat(cli.ok("version").out()).startsWith("cairn ");
    }

    @Test
    @DisplayName("global options work before and after the command name")
    void globalOptionsAnywhere() {
        CliHarness cli = new CliHarness(tmp.resolve("repo"));
        cli.env.remove("CAIRN_REPOSITORY");
        String repo = tmp.resolve("repo").toString();
        cli.ok("-r", repo, "init");
        assertThat(cli.ok("--json", "-r", repo, "snapshots").out().strip()).isEqualTo("[]");
        assertThat(cli.ok("snapshots", "--repo", repo, "--json").out().strip()).isEqualTo("[]");
        assertThat(cli.ok("-q", "snapshots", "-r", repo).out()).contains("0 snapshots");
    }
}
