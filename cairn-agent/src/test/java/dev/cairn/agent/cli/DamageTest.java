package dev.cairn.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("damaged repositories: check finds it, restore reports it")
class DamageTest {
    @TempDir
    Path tmp;

    @Test
    @DisplayName("a clean repository checks ok (exit 0); a flipped byte in a pack is found with --read-data (exit 13)")
    void checkFindsAFlippedByte() throws Exception {
        Path src = TestTrees.sample(tmp);
        CliHarness cli = CliHarness.initialised(tmp.resolve("repo"));
        cli.backup(src.toString());

        assertThat(cli.ok("check").out()).contains("no errors were found");
        assertThat(cli.ok("check", "--read-data").out()).contains("no errors were found");
        assertThat(cli.ok("check", "--read-data-subset", "1/2").out()).contains("no errors were found");

        flipByteInLargestPack(cli.repo);

        CliHarness.Result damaged = cli.run("check", "--read-data");
        assertThat(damaged.code()).isEqualTo(ExitCodes.DAMAGED);
        assertThat(damaged.out()).contains("error: ").contains("affects snapshots");
        CliHarness.Result json = cli.run("check", "--read-data", "--json");
        assertThat(json.code()).isEqualTo(ExitCodes.DAMAGED);
        assertThat(json.json().get("ok").asBoolean()).isFalse();
        assertThat(json.json().get("findings").get(0).get("severity").asText()).isEqualTo("ERROR");
    }

    @Test
    @DisplayName("restore from a damaged pack restores the rest and exits 3, naming the file")
    void restoreReportsDamage() throws Exception {
        Path src = TestTrees.sample(tmp);
        CliHarness cli = CliHarness.initialised(tmp.resolve("repo"));
        cli.backup(src.toString());
        flipByteInLargestPack(cli.repo);

        Path target = tmp.resolve("restore");
        CliHarness.Result r = cli.run("restore", "latest", "--target", target.toString());

        assertThat(r.code()).isEqualTo(ExitCodes.PARTIAL);
        assertThat(r.err()).contains("error: " + src.resolve("big.bin") + ": ");
        assertThat(TestTrees.restored(target, src).resolve("hello.txt")).hasContent("hello, world\n");
    }

    @Test
    void badSubsetIsAUsageError() {
        CliHarness cli = CliHarness.initialised(tmp.resolve("repo"));
        CliHarness.Result r = cli.run("check", "--read-data-subset", "lots");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("invalid read-data subset 'lots'", "10%");
    }

    /** Flips one byte a third into the largest pack: inside blob data (of big.bin), not the pack header at the end. */
    static void flipByteInLargestPack(Path repo) throws Exception {
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
