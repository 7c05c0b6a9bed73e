package dev.cairn.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("init → backup → snapshots → ls → restore")
class RoundTripTest {
    @TempDir
    Path tmp;

    @Test
    void restoresWhatWasBackedUp() throws Exception {
        Path src = TestTrees.sample(tmp);
        CliHarness cli = new CliHarness(tmp.resolve("repo"));

        CliHarness.Result init = cli.ok("init");
        assertThat(init.out()).contains("created cairn repository");

        CliHarness.Result backup = cli.ok("backup", src.toString(), "--tag", "first");
        assertThat(backup.out()).contains("Files:", "6 new", "snapshot ", " saved");

        CliHarness.Result snapshots = cli.ok("snapshots");
        assertThat(snapshots.out()).contains("ID", "Time", "Host", "Tags", "Paths", "Size", "first", src.toString(), "1 snapshot");

        CliHarness.Result ls = cli.ok("ls", "latest");
        assertThat(ls.out()).contains(src.resolve("hello.txt").toString(), src.resolve("docs/reports/q1.pdf").toString(),
                src.resolve("emptydir").toString(), src.resolve("link").toString());

        Path target = tmp.resolve("restore");
        CliHarness.Result restore = cli.ok("restore", "latest", "--target", target.toString(), "--verify");
        assertThat(restore.out()).contains("restored 6 files", "1 symlink", "verified 6 files");
        TestTrees.assertSameTree(src, TestTrees.restored(target, src));
    }

    @Test
    @DisplayName("ls PATH lists that directory and what lies below it; -l shows modes and sizes")
    void lsWithPathAndLongFormat() throws Exception {
        Path src = TestTrees.sample(tmp);
        CliHarness cli = CliHarness.initialised(tmp.resolve("repo"));
        String id = cli.backup(src.toString());

        CliHarness.Result ls = cli.ok("ls", id.substring(0, 8), src.resolve("docs").toString(), "-l");
        assertThat(ls.out().lines().filter(l -> l.startsWith("d") || l.startsWith("-") || l.startsWith("l")))
                .hasSize(4)
                .anySatisfy(l -> assertThat(l).startsWith("-rw").contains(" 6 ").endsWith(src.resolve("docs/readme.txt").toString()))
                .anySatisfy(l -> assertThat(l).startsWith("drwx").endsWith(src.resolve("docs/reports").toString()));
        assertThat(ls.out()).doesNotContain("hello.txt");

        CliHarness.Result missing = cli.run("ls", "latest", src.resolve("nope").toString());
        assertThat(missing.code()).isEqualTo(ExitCodes.FATAL);
        assertThat(missing.err()).contains("is not in snapshot");
    }

    @Test
    @DisplayName("restore --include restores only the included subtree")
    void restoreInclude() throws Exception {
        Path src = TestTrees.sample(tmp);
        CliHarness cli = CliHarness.initialised(tmp.resolve("repo"));
        cli.backup(src.toString());

        Path target = tmp.resolve("restore");
        cli.ok("restore", "latest", "--target", target.toString(), "--include", src.resolve("docs").toString());
        Path restored = TestTrees.restored(target, src);
        assertThat(restored.resolve("docs/reports/q1.pdf")).hasContent("not really a pdf");
        assertThat(restored.resolve("hello.txt")).doesNotExist();
    }
}
