package dev.cairn.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("cairn repair snapshots and repair packs")
class RepairSnapshotsTest {
    private static final int BIG = 3 << 20;

    @TempDir
    Path tmp;

    @Test
    @DisplayName("lost packs: check reports them; repair index + repair snapshots --forget make check --read-data pass, "
            + "the rest restores (lost file data, an unreadable directory, a snapshot without its top)")
    void lostPacks() throws Exception {
        Path src = TestTrees.sample(tmp);
        Files.delete(src.resolve("big.bin"));
        CliHarness cli = CliHarness.initialised(tmp.resolve("repo"));
        String first = cli.backup("--read-concurrency", "1", src.toString()); // one reader: one data pack per backup
        Path firstTrees = treePack(cli); // the first backup's trees, docs/ among them
        Files.write(src.resolve("big.bin"), TestTrees.random(BIG, 7));
        TestTrees.write(src.resolve("later.txt"), "written after the first backup");
        String second = cli.backup("--read-concurrency", "1", src.toString()); // new trees from the root to src; docs/ is still the first backup's
        Files.delete(largestPack(cli.repo)); // big.bin's data, which only the second snapshot references
        Files.delete(firstTrees);

        assertThat(cli.run("check").code()).isEqualTo(ExitCodes.DAMAGED);
        cli.ok("repair", "index");
        assertThat(cli.run("check").code()).as("the snapshots still reference what was lost").isEqualTo(ExitCodes.DAMAGED);

        CliHarness.Result dry = cli.ok("repair", "snapshots", "--dry-run", "--forget");
        assertThat(dry.out()).contains("file " + src.toAbsolutePath() + "/big.bin: ", "would repair 1 snapshot", "dry run");
        assertThat(ids(cli)).containsExactlyInAnyOrder(first, second);

        CliHarness.Result repaired = cli.ok("repair", "snapshots", "--forget");
        assertThat(repaired.out()).contains("file " + src.toAbsolutePath() + "/big.bin: ",
                "directory " + src.toAbsolutePath() + "/docs: cannot be read; now empty", "its top directory cannot be read",
                "nothing readable left: removed", "repaired 1 snapshot", "1 with nothing readable left");
        CliHarness.Result check = cli.run("check", "--read-data");
        assertThat(check.code()).as(check.out() + check.err()).isZero();

        JsonNode fixed = only(cli, s -> true);
        assertThat(fixed.get("original").asText()).isEqualTo(second);
        assertThat(fixed.get("tags").toString()).contains("repaired");

        Path out = tmp.resolve("out");
        cli.ok("restore", "latest", "--target", out.toString());
        Path restored = TestTrees.restored(out, src);
        assertThat(restored.resolve("hello.txt")).hasContent("hello, world\n");
        assertThat(restored.resolve("notes.md")).hasContent("# notes\nsome text\n");
        assertThat(restored.resolve("later.txt")).as("its data was in big.bin's pack").isEmptyFile();
        assertThat(restored.resolve("big.bin")).isEmptyFile();
        assertThat(restored.resolve("docs")).isEmptyDirectory();
        assertThat(cli.ok("repair", "snapshots").out()).contains("no snapshot references lost data (1 snapshot checked)");
    }

    @Test
    @DisplayName("a damaged pack: repair packs salvages its intact blobs, repair snapshots drops the lost one; check --read-data passes")
    void damagedPack() throws Exception {
        Path src = TestTrees.sample(tmp);
        CliHarness cli = CliHarness.initialised(tmp.resolve("repo"));
        String snapshot = cli.backup(src.toString());
        DamageTest.flipByteInLargestPack(cli.repo);

        CliHarness.Result check = cli.run("check", "--read-data");
        assertThat(check.code()).isEqualTo(ExitCodes.DAMAGED);
        String pack = packNamed(check.out());
        CliHarness.Result salvaged = cli.ok("repair", "packs", pack);
        assertThat(salvaged.out()).contains("1 could not be read", "deleted 1 damaged pack");
        assertThat(cli.run("check").code()).isEqualTo(ExitCodes.DAMAGED);

        assertThat(cli.ok("repair", "snapshots", "--forget").out()).contains("repaired 1 snapshot");
        CliHarness.Result clean = cli.run("check", "--read-data");
        assertThat(clean.code()).as(clean.out() + clean.err()).isZero();
        assertThat(ids(cli)).hasSize(1).doesNotContain(snapshot);

        Path out = tmp.resolve("out");
        cli.ok("restore", "latest", "--target", out.toString());
        Path restored = TestTrees.restored(out, src);
        assertThat(restored.resolve("hello.txt")).hasContent("hello, world\n");
        long size = Files.size(restored.resolve("big.bin"));
        assertThat(size).as("the readable pieces of big.bin are kept").isPositive().isLessThan(BIG);
    }

    @Test
    void usageErrors() {
        CliHarness cli = CliHarness.initialised(tmp.resolve("repo"));
        assertThat(cli.run("repair", "packs").code()).isEqualTo(ExitCodes.USAGE);
        CliHarness.Result notAnId = cli.run("repair", "packs", "abc");
        assertThat(notAnId.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(notAnId.err()).contains("'abc' is not a pack id");
        CliHarness.Result unknown = cli.run("repair", "packs", "ab".repeat(32));
        assertThat(unknown.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("not stored and no index lists it");
    }

    private static String packNamed(String checkOutput) {
        Matcher m = Pattern.compile("\\b([0-9a-f]{64})\\b").matcher(checkOutput);
        assertThat(m.find()).as("check names the damaged pack:\n" + checkOutput).isTrue();
        return m.group(1);
    }

    private static Path largestPack(Path repo) throws Exception {
        try (Stream<Path> files = Files.walk(repo.resolve("data"))) {
            return files.filter(Files::isRegularFile).max((a, b) -> Long.compare(a.toFile().length(), b.toFile().length()))
                    .orElseThrow();
        }
    }

    /** The pack of tree blobs of a repository with one backup, found through its index. */
    private static Path treePack(CliHarness cli) throws Exception {
        try (Stream<Path> files = Files.list(cli.repo.resolve("index"))) {
            String index = files.findFirst().orElseThrow().getFileName().toString();
            for (JsonNode pack : cli.ok("cat", "index", index).json().get("packs")) {
                if (pack.get("blobs").get(0).get("type").asText().equals("tree")) {
                    String id = pack.get("id").asText();
                    try (Stream<Path> packs = Files.walk(cli.repo.resolve("data"))) {
                        return packs.filter(p -> p.getFileName().toString().equals(id)).findFirst().orElseThrow();
                    }
                }
            }
        }
        throw new AssertionError("no tree pack");
    }

    private static JsonNode only(CliHarness cli, java.util.function.Predicate<JsonNode> which) {
        List<JsonNode> found = new ArrayList<>();
        cli.ok("snapshots", "--json").json().forEach(s -> {
            if (which.test(s)) {
                found.add(s);
            }
        });
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static List<String> ids(CliHarness cli) {
        List<String> out = new ArrayList<>();
        cli.ok("snapshots", "--json").json().forEach(s -> out.add(s.get("id").asText()));
        return out;
    }
}
