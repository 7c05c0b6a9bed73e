package dev.cairn.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * forget and prune on real local repositories: a snapshot is forgotten, prune frees its data (deleting what nothing uses,
 * repacking what is partly used beyond --max-unused), and what stays restores byte for byte and passes check --read-data.
 */
class PruneTest {
    @TempDir
    Path tmp;
    private Path src;
    private CliHarness cli;

    /**
     * Two snapshots of one directory: the second replaced two of three 2 MiB files, so the first's pack is a third used.
     * One file is read at a time, so each backup's data blobs share one pack (two readers would each fill a pack of their own).
     */
    @BeforeEach
    void twoSnapshots() throws IOException {
        cli = CliHarness.initialised(tmp.resolve("repo"));
        src = Files.createDirectories(tmp.resolve("src"));
        for (int i = 0; i < 3; i++) {
            Files.write(src.resolve("f" + i), TestTrees.random(2 << 20, i));
        }
        cli.backup("--read-concurrency", "1", src.toString());
        Files.write(src.resolve("f0"), TestTrees.random(2 << 20, 100));
        Files.write(src.resolve("f1"), TestTrees.random(2 << 20, 101));
        cli.backup("--read-concurrency", "1", src.toString());
    }

    @Test
    void forgetThenPruneFreesTheSpaceAndKeepsEverythingTheRestNeeds() throws IOException {
        CliHarness.Result forget = cli.ok("forget", "--keep-last", "1");
        assertThat(forget.out()).contains("keep 1 snapshot:", "last snapshot", "remove 1 snapshot:");
        assertThat(cli.ok("snapshots").out()).contains("1 snapshot");
        TreeMap<String, Long> before = TestTrees.listing(cli.repo);

        JsonNode dry = cli.ok("prune", "--dry-run", "--json").lastJsonLine();
        assertThat(TestTrees.listing(cli.repo)).as("a dry run changes nothing").isEqualTo(before);
        assertThat(dry.get("packs_to_repack").asInt()).as("the old data pack is two thirds unused: repack").isEqualTo(1);
        assertThat(dry.get("packs_to_delete").asInt()).as("the old snapshot's tree pack").isEqualTo(1);

        JsonNode done = cli.ok("prune", "--json").lastJsonLine();
        assertThat(done.get("packs_deleted").asInt()).isEqualTo(2);
        assertThat(stored(cli.repo)).as("about 4 MiB of 10 freed").isLessThan(stored(before) - (39L << 20) / 10);
        assertRestoresAndChecks();
        JsonNode again = cli.ok("prune", "--json").lastJsonLine();
        assertThat(again.get("packs_to_delete").asInt() + again.get("packs_to_repack").asInt() + again.get("packs_unindexed").asInt())
                .as("a second prune has nothing to do").isZero();
    }

    @Test
    void maxUnusedDecidesWhetherPartlyUsedPacksAreRepacked() {
        cli.ok("forget", "--keep-last", "1");
        assertThat(cli.ok("prune", "--dry-run", "--json", "--max-unused", "50%").lastJsonLine().get("packs_to_repack").asInt())
                .as("4 MiB unused beside 6 MiB used is 40%: within 50%").isZero();
        assertThat(cli.ok("prune", "--dry-run", "--json", "--max-unused", "5M").lastJsonLine().get("packs_to_repack").asInt())
                .as("4 MiB is within 5M").isZero();
        assertThat(cli.ok("prune", "--dry-run", "--json", "--max-unused", "3M").lastJsonLine().get("packs_to_repack").asInt())
                .as("4 MiB is more than 3M").isEqualTo(1);
        assertThat(cli.ok("prune", "--dry-run", "--json", "--max-unused", "30%", "--max-repack-size", "1M").lastJsonLine()
                .get("packs_to_repack").asInt()).as("2 MiB to copy is more than --max-repack-size 1M").isZero();
        JsonNode kept = cli.ok("prune", "--json", "--max-unused", "unlimited").lastJsonLine();
        assertThat(kept.get("packs_to_repack").asInt()).isZero();
        assertThat(kept.get("unused_after").asLong()).as("the unused 4 MiB stay").isGreaterThan(4L << 20);
        assertRestoresAndChecks();
    }

    @Test
    void forgetExplainsItselfAndRefusesToRemoveEverything() {
        CliHarness.Result dry = cli.ok("forget", "--keep-last", "1", "--dry-run");
        assertThat(dry.out()).contains("last snapshot", "remove 1 snapshot:", "dry run: no snapshot was removed");
        assertThat(cli.ok("snapshots").out()).contains("2 snapshots");
        CliHarness.Result none = cli.run("forget");
        assertThat(none.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(none.err()).contains("no policy given");
        CliHarness.Result tagged = cli.run("forget", "--keep-tag", "nothing-has-this");
        assertThat(tagged.code()).as("a policy that keeps nothing of a group is refused").isEqualTo(ExitCodes.FATAL);
        assertThat(tagged.err()).contains("refusing to delete the last snapshot");
        assertThat(cli.ok("snapshots").out()).contains("2 snapshots");
        assertThat(cli.ok("forget", "--keep-within", "1d", "--dry-run").out()).contains("within 1d");
    }

    @Test
    void forgetWithPruneDoesBoth() {
        cli.ok("forget", "--keep-last", "1", "--prune");
        assertThat(cli.ok("prune", "--dry-run", "--json").lastJsonLine().get("packs_to_delete").asInt()).isZero();
        assertRestoresAndChecks();
    }

    private void assertRestoresAndChecks() {
        Path target = tmp.resolve("target-" + System.nanoTime());
        cli.ok("restore", "latest", "--target", target.toString());
        TestTrees.assertSameTree(src, TestTrees.restored(target, src));
        assertThat(cli.run("check", "--read-data").code()).as("check --read-data after prune").isZero();
    }

    private static long stored(Path repo) throws IOException {
        return stored(TestTrees.listing(repo));
    }

    private static long stored(TreeMap<String, Long> listing) {
        return listing.values().stream().mapToLong(Long::longValue).filter(n -> n > 0).sum();
    }
}
