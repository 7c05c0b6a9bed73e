package dev.cairn.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("cairn repair index")
class RepairCommandTest {
    @TempDir
    Path tmp;

    @Test
    @DisplayName("after an index file is damaged and another deleted, repair index makes check clean and keeps every pack")
    void repairsDamagedIndex() throws Exception {
        Path src = TestTrees.sample(tmp);
        CliHarness cli = CliHarness.initialised(tmp.resolve("repo"));
        cli.backup(src.toString());
        TestTrees.write(src.resolve("more.txt"), "a second backup, a second index file");
        cli.backup(src.toString());
        List<Path> index = files(cli.repo.resolve("index"));
        assertThat(index).hasSizeGreaterThanOrEqualTo(2);
        List<Path> packsBefore = files(cli.repo.resolve("data"));
        Files.write(index.get(0), new byte[] {1, 2, 3, 4, 5, 6, 7, 8}); // real damage: the file no longer decrypts
        Files.delete(index.get(1));
        assertThat(cli.run("check").code()).isEqualTo(ExitCodes.DAMAGED);

        CliHarness.Result repaired = cli.ok("repair", "index");
        assertThat(repaired.out()).contains("indexed " + packsBefore.size() + " pack");

        assertThat(files(cli.repo.resolve("data"))).containsExactlyInAnyOrderElementsOf(packsBefore);
        CliHarness.Result check = cli.run("check", "--read-data");
        assertThat(check.code()).as(check.out() + check.err()).isZero();
        cli.ok("restore", "latest", "--target", tmp.resolve("out").toString());
        TestTrees.assertSameTree(src, TestTrees.restored(tmp.resolve("out"), src));
        assertThat(cli.run("repair").code()).isEqualTo(ExitCodes.USAGE);
    }

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
