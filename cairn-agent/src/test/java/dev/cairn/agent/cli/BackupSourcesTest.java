package dev.cairn.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("backup --dry-run and --files-from")
class BackupSourcesTest {
    @TempDir
    Path tmp;

    @Test
    @DisplayName("--dry-run reports what would be new and stores nothing; after a real backup it reports nothing new")
    void dryRun() throws Exception {
        Path src = TestTrees.sample(tmp);
        Path repo = tmp.resolve("repo");
        CliHarness cli = CliHarness.initialised(repo);
        var before = TestTrees.listing(repo);

        JsonNode dry = cli.ok("backup", "--json", "--dry-run", src.toString()).lastJsonLine();
        assertThat(dry.get("files_new").asLong()).isEqualTo(6);
        assertThat(dry.get("data_added").asLong()).isGreaterThan(3 << 20);
        assertThat(dry.get("dry_run").asBoolean()).isTrue();
        assertThat(dry.has("snapshot_id")).isFalse();
        assertThat(TestTrees.listing(repo)).isEqualTo(before);
        assertThat(cli.ok("snapshots", "--json").out().strip()).isEqualTo("[]");
        assertThat(cli.ok("backup", "-n", src.toString()).out()).contains("dry run: nothing was stored", "6 new");

        cli.backup(src.toString());
        JsonNode again = cli.ok("backup", "--json", "--dry-run", src.toString()).lastJsonLine();
        assertThat(again.get("files_unmodified").asLong()).isEqualTo(6);
        assertThat(again.get("data_added").asLong()).isLessThan(16 * 1024);
        cli.ok("check", "--read-data");
    }

    @Test
    @DisplayName("--read-concurrency 1 backs up what the default does; 0 is refused before anything is stored")
    void readConcurrency() throws Exception {
        Path src = TestTrees.sample(tmp);
        CliHarness cli = CliHarness.initialised(tmp.resolve("repo"));
        var before = TestTrees.listing(tmp.resolve("repo"));
        CliHarness.Result refused = cli.run("backup", "--read-concurrency", "0", src.toString());
        assertThat(refused.code()).isNotZero();
        assertThat(refused.err()).contains("--read-concurrency must be at least 1, not 0");
        assertThat(TestTrees.listing(tmp.resolve("repo"))).isEqualTo(before);

        JsonNode one = cli.ok("backup", "--json", "--read-concurrency", "1", src.toString()).lastJsonLine();
        assertThat(one.get("files_new").asLong()).isEqualTo(6);
        cli.ok("restore", "latest", "--target", tmp.resolve("out").toString());
        Path abs = src.toAbsolutePath();
        dev.cairn.testkit.TreeAssert.assertSameTree(src, tmp.resolve("out").resolve(abs.getRoot().relativize(abs).toString()));
        cli.ok("check", "--read-data");
    }

    @Test
    @DisplayName("--files-from trims, skips comments and expands globs; -verbatim keeps spaces; -raw splits at NUL")
    void filesFrom() throws Exception {
        Path src = TestTrees.sample(tmp);
        TestTrees.write(src.resolve(" spaced "), "leading and trailing spaces in the name");
        CliHarness cli = CliHarness.initialised(tmp.resolve("repo"));
        Path list = tmp.resolve("list");
        Files.writeString(list, "# a comment\n\n  " + src.resolve("hello.txt") + "  \n" + src + "/docs/*/q?.pdf\n" + src + "/nothing*\n");
        CliHarness.Result r = cli.ok("backup", "--json", "--files-from", list.toString());
        JsonNode summary = r.lastJsonLine();
        assertThat(summary.get("files_new").asLong()).isEqualTo(2);
        assertThat(r.err()).contains("nothing*", "matches no files");

        Path verbatim = tmp.resolve("verbatim");
        Files.writeString(verbatim, src.resolve(" spaced ") + "\n\n");
        assertThat(cli.ok("backup", "--json", "--files-from-verbatim", verbatim.toString()).lastJsonLine().get("files_new").asLong())
                .isEqualTo(1);

        Path raw = tmp.resolve("raw");
        Files.write(raw, (src.resolve("notes.md") + "\0" + src.resolve(" spaced ") + "\0").getBytes(StandardCharsets.UTF_8));
        JsonNode fromRaw = cli.ok("backup", "--json", "--files-from-raw", raw.toString(), src.resolve("empty").toString())
                .lastJsonLine();
        assertThat(fromRaw.get("paths")).hasSize(3);

        CliHarness.Result none = cli.run("backup");
        assertThat(none.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(none.err()).contains("nothing to back up");
    }

    @Test
    @DisplayName("--json status lines carry the pre-scan's totals, percent_done reaching 1, as restic's do")
    void statusKnowsTotal() throws Exception {
        Path src = TestTrees.sample(tmp);
        CliHarness cli = CliHarness.initialised(tmp.resolve("repo"));
        long expectedBytes = 0;
        try (var walk = Files.walk(src)) {
            for (Path p : walk.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).toList()) {
                expectedBytes += Files.size(p);
            }
        }
        for (String mode : new String[] {"first", "incremental"}) {
            var lines = cli.ok("backup", "--json", src.toString()).jsonLines();
            JsonNode last = lines.stream().filter(l -> l.get("message_type").asText().equals("status")).reduce((a, b) -> b)
                    .orElseThrow();
            assertThat(last.get("total_files").asLong()).as(mode).isEqualTo(6);
            assertThat(last.get("total_bytes").asLong()).as(mode).isEqualTo(expectedBytes);
            assertThat(last.get("bytes_done").asLong()).as(mode + ": unmodified files count as done").isEqualTo(expectedBytes);
            assertThat(last.get("percent_done").asDouble()).as(mode).isEqualTo(1.0);
            assertThat(last.get("phase").asText()).as(mode).isEqualTo("writing snapshot");
        }
    }
}
