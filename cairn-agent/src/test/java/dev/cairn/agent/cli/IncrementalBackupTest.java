package dev.cairn.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("incremental backups")
class IncrementalBackupTest {
    @TempDir
    Path tmp;

    @Test
    @DisplayName("a second backup without changes reports every file unmodified and adds no data")
    void unchangedTreeIsUnmodified() throws Exception {
        Path src = TestTrees.sample(tmp);
        CliHarness cli = CliHarness.initialised(tmp.resolve("repo"));
        String first = cli.backup(src.toString());

        JsonNode second = cli.ok("backup", "--json", src.toString()).lastJsonLine();

        assertThat(second.get("files_unmodified").asLong()).isEqualTo(6);
        assertThat(second.get("files_new").asLong()).isZero();
        assertThat(second.get("files_changed").asLong()).isZero();
        // only tree blobs can be new: the synthetic levels above src carry the metadata of /tmp, which other processes change
        assertThat(second.get("data_added").asLong()).isLessThan(16 * 1024);
        assertThat(second.get("parent").asText()).isEqualTo(first);
        assertThat(cli.ok("backup", src.toString()).out()).contains("0 new", "0 changed", "6 unmodified");
    }

    @Test
    @DisplayName("--force reads every file again; a changed file counts as changed")
    void forceAndChanged() throws Exception {
        Path src = TestTrees.sample(tmp);
        CliHarness cli = CliHarness.initialised(tmp.resolve("repo"));
        cli.backup(src.toString());

        JsonNode forced = cli.ok("backup", "--json", "--force", src.toString()).lastJsonLine();
        assertThat(forced.get("files_new").asLong()).isEqualTo(6);
        assertThat(forced.has("parent")).isFalse();
        assertThat(forced.get("data_added").asLong()).isLessThan(16 * 1024);

        TestTrees.write(src.resolve("notes.md"), "# notes\nchanged text, longer than before\n");
        JsonNode changed = cli.ok("backup", "--json", src.toString()).lastJsonLine();
        assertThat(changed.get("files_changed").asLong()).isEqualTo(1);
        assertThat(changed.get("files_unmodified").asLong()).isEqualTo(5);

        assertThat(cli.run("backup", "--force", "--parent", "latest", src.toString()).code()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    @DisplayName("excludes, exclude files and exclude-if-present leave items out")
    void excludes() throws Exception {
        Path src = TestTrees.sample(tmp);
        TestTrees.write(src.resolve("cache/.nobackup"), "");
        TestTrees.write(src.resolve("cache/junk"), "junk");
        Path excludeFile = tmp.resolve("excludes");
        TestTrees.write(excludeFile, "# comment\n*.md\n");
        CliHarness cli = CliHarness.initialised(tmp.resolve("repo"));

        cli.backup(src.toString(), "--exclude", "*.bin", "--exclude-file", excludeFile.toString(), "--exclude-if-present", ".nobackup");

        String ls = cli.ok("ls", "latest").out();
        assertThat(ls).contains(src.resolve("hello.txt").toString()).doesNotContain("big.bin", "notes.md", "junk");
    }
}
