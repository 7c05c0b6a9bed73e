package dev.cairn.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("check")
class CheckCommandTest {
    @TempDir
    Path tmp;

    @Test
    @DisplayName("a clean repository checks ok (exit 0); a flipped byte in a pack is found with --read-data (exit 13)")
    void cleanThenDamaged() throws Exception {
        Path src = TestTrees.sample(tmp);
        CliHarness cli = CliHarness.initialised(tmp.resolve("repo"));
        cli.backup(src.toString());

        assertThat(cli.ok("check").out()).contains("no errors were found");
        assertThat(cli.ok("check", "--read-data").out()).contains("no errors were found");

        flipByteInLargestPack(cli.repo);

        CliHarness.Result damaged = cli.run("check", "--read-data");
        assertThat(damaged.code()).isEqualTo(ExitCodes.DAMAGED);
        assertThat(damaged.out()).contains("error: ");
        CliHarness.Result json = cli.run("check", "--read-data", "--json");
        assertThat(json.code()).isEqualTo(ExitCodes.DAMAGED);
        assertThat(json.json().get("ok").asBoolean()).isFalse();
        assertThat(json.json().get("findings")).isNotEmpty();
    }

    /** Flips one byte in the middle of the largest pack (blob data, not its header). */
    private static void flipByteInLargestPack(Path repo) throws Exception {
        Path pack;
        try (Stream<Path> files = Files.walk(repo.resolve("data"))) {
            pack = files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .max((a, b) -> Long.compare(a.toFile().length(), b.toFile().length())).orElseThrow();
        }
        pack.toFile().setWritable(true);
        try (RandomAccessFile f = new RandomAccessFile(pack.toFile(), "rw")) {
            long pos = f.length() / 3;
            f.seek(pos);
            int b = f.read();
            f.seek(pos);
            f.write(b ^ 0x40);
        }
    }
}
