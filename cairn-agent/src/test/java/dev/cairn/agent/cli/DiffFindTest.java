package dev.cairn.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("diff and find")
class DiffFindTest {
    @TempDir
    Path tmp;

    @Test
    @DisplayName("diff shows an added, a removed and a modified file, and a summary")
    void diff() throws Exception {
        Path src = TestTrees.sample(tmp);
        CliHarness cli = CliHarness.initialised(tmp.resolve("repo"));
        String first = cli.backup(src.toString());
        TestTrees.write(src.resolve("docs/new.txt"), "added");
        Files.delete(src.resolve("notes.md"));
        TestTrees.write(src.resolve("hello.txt"), "hello, changed world\n");
        String second = cli.backup(src.toString());

        CliHarness.Result r = cli.ok("diff", first.substring(0, 8), second);

        assertThat(r.out().lines().filter(l -> l.matches("^[+\\-M] .*")))
                .containsExactly("+    " + src.resolve("docs/new.txt"), "M    " + src.resolve("hello.txt"), "-    " + src.resolve("notes.md"));
        assertThat(r.out()).contains("1 new", "1 removed", "1 changed");
        com.fasterxml.jackson.databind.JsonNode summary = cli.ok("diff", "--json", first, second).json().get("summary");
        assertThat(summary.toString()).as("a modified file's new content counts as added, its old as removed")
                .contains("\"bytes_added\":" + ("added".length() + "hello, changed world\n".length()))
                .contains("\"bytes_removed\":" + ("# notes\nsome text\n".length() + "hello, world\n".length()));
        assertThat(cli.ok("diff", second, second).out()).contains("0 new,      0 removed,      0 changed");
    }

    @Test
    @DisplayName("diff lists everything below an added or removed directory")
    void diffDirectories() throws Exception {
        Path src = TestTrees.sample(tmp);
        CliHarness cli = CliHarness.initialised(tmp.resolve("repo"));
        String first = cli.backup(src.toString());
        TestTrees.write(src.resolve("extra/inner/file.txt"), "x");
        String second = cli.backup(src.toString());

        assertThat(cli.ok("diff", first, second).out()).contains("+    " + src.resolve("extra") + "/",
                "+    " + src.resolve("extra/inner") + "/", "+    " + src.resolve("extra/inner/file.txt"));
        assertThat(cli.ok("diff", second, first).out()).contains("-    " + src.resolve("extra/inner/file.txt"), "2 removed");
    }

    @Test
    @DisplayName("find locates files by name glob and by path glob across snapshots")
    void find() throws Exception {
        Path src = TestTrees.sample(tmp);
        CliHarness cli = CliHarness.initialised(tmp.resolve("repo"));
        String first = cli.backup(src.toString());
        TestTrees.write(src.resolve("docs/reports/q2.pdf"), "another");
        String second = cli.backup(src.toString());

        CliHarness.Result byName = cli.ok("find", "*.pdf");
        assertThat(byName.out()).contains("snapshot " + first.substring(0, 8), "snapshot " + second.substring(0, 8),
                src.resolve("docs/reports/q1.pdf").toString(), src.resolve("docs/reports/q2.pdf").toString());

        CliHarness.Result bySnapshot = cli.ok("find", "q2.pdf", "--snapshot", first);
        assertThat(bySnapshot.out()).contains("nothing matches");

        CliHarness.Result byPath = cli.ok("find", "**/docs/*.txt");
        assertThat(byPath.out()).contains(src.resolve("docs/readme.txt").toString()).doesNotContain("hello.txt");
    }
}
