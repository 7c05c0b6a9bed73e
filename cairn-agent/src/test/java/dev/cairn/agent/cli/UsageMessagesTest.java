package dev.cairn.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("usage errors in plain words, exit 2")
class UsageMessagesTest {
    @TempDir
    Path tmp;

    @Test
    void plainWords() {
        CliHarness cli = new CliHarness(tmp.resolve("repo"));
        expect(cli.run("bakup"), "error: unknown command 'bakup'", "Did you mean: cairn backup?", "Run 'cairn --help'");
        expect(cli.run("restore", "latest"), "error: missing --target DIR", "Run 'cairn restore --help'");
        expect(cli.run("ls"), "error: missing SNAPSHOT");
        expect(cli.run("backup", "--bogus", "x"), "error: unknown option '--bogus'");
        expect(cli.run("repair", "snapshots", "--forgot"), "error: unknown option '--forgot'", "Did you mean");
        expect(cli.run("repair", "bogus"), "error: unknown command 'bogus'");
    }

    private static void expect(CliHarness.Result r, String... parts) {
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains(parts).doesNotContain("Unmatched", "index 0", "Missing required");
    }
}
