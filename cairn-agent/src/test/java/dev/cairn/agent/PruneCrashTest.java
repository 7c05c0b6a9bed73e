package dev.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.testkit.DeterministicRandom;
import dev.cairn.testkit.TreeAssert;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills real {@code cairn prune} processes (SIGKILL) at each boundary of the prune protocol (spec §Prune): lock taken,
 * a repacked pack half written and done, the repack's index, the first rewritten index, the first old index deleted, the
 * first pack deleted (before the local cache is cleaned). After each kill {@code check --read-data} passes, a backup of
 * the forgotten data (whose packs may be gone while the cache still has runs for their index) stores what it needs, and
 * a second prune finishes the job: nothing left to delete or repack, and everything restores.
 */
class PruneCrashTest {
    private static final String PASSWORD = "prune-crash";

    /** The repository, cache and sources every case starts from, built once (seven cases, four runs each saved). */
    @TempDir
    static Path template;
    @TempDir
    Path tmp;
    private CairnProcesses cairn;

    /** Two snapshots with 64 KiB packs; the first is forgotten, so its tree packs are unused and its data packs half used. */
    @BeforeAll
    static void repositoryWithAForgottenSnapshot() throws Exception {
        CairnProcesses cairn = new CairnProcesses(template, PASSWORD);
        Path repo = template.resolve("repo");
        cairn.init(repo);
        Path source = Files.createDirectories(template.resolve("src"));
        for (int i = 0; i < 12; i++) {
            Files.write(source.resolve("f" + i), DeterministicRandom.bytes(i, 20 << 10)); // 4 files a pack
        }
        assertThat(cairn.run(repo.toString(), template.resolve("cache"), "backup", source.toString()).code()).isZero();
        Files.copy(source.resolve("f0"), template.resolve("old-f0"));
        for (int i = 0; i < 12; i += 2) {
            Files.write(source.resolve("f" + i), DeterministicRandom.bytes(100 + i, 20 << 10)); // every pack half unused
        }
        assertThat(cairn.run(repo.toString(), template.resolve("cache"), "backup", source.toString()).code()).isZero();
        assertThat(cairn.run(repo.toString(), template.resolve("cache"), "forget", "--keep-last", "1").code()).isZero();
    }

    /** A fresh copy of the template for this case (the snapshots name the template's source paths; only the later backup is restored). */
    @BeforeEach
    void copyOfTheTemplate() throws IOException {
        for (String name : List.of("repo", "cache", "old-f0")) {
            copyTree(template.resolve(name), tmp.resolve(name));
        }
        cairn = new CairnProcesses(tmp, PASSWORD);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"locks:done:1", "data:half:1", "data:done:1", "index:done:1", "index:done:2", "index:delete:1",
            "data:delete:1"})
    void aKilledPruneLeavesARepositoryThatChecksAndTheNextPruneFinishes(String point) throws Exception {
        assertThat(killAt(point)).isEqualTo(point);
        assertThat(run("check", "--read-data")).as("check after a prune killed at %s", point).isZero();
        // no 'cairn unlock': the killed prune's lock names a process of this host that is gone, so it is stale at once

        Path old = Files.createDirectories(tmp.resolve("old"));
        Files.copy(tmp.resolve("old-f0"), old.resolve("f0")); // data of the forgotten snapshot, whose pack may be gone
        assertThat(run("backup", old.toString())).isZero();
        assertThat(run("check", "--read-data")).as("a backup after the kill needs no deleted blob").isZero();

        assertThat(run("prune", "--max-unused", "0")).isZero();
        assertThat(run("check", "--read-data")).isZero();
        assertThat(output("prune", "--max-unused", "0", "--dry-run", "--json")).as("the second prune finished the job")
                .contains("\"packs_to_delete\":0", "\"packs_to_repack\":0", "\"packs_unindexed\":0");
        Path target = tmp.resolve("target");
        assertThat(run("restore", "latest", "--target", target.toString())).isZero();
        Path abs = old.toAbsolutePath();
        TreeAssert.assertSameTree(old, target.resolve(abs.getRoot().relativize(abs).toString()));
    }

    /** Runs a prune that stops at {@code point}, waits (bounded) until it says it is there, kills it; returns what it said. */
    private String killAt(String point) throws Exception {
        Path signal = tmp.resolve("signal");
        CairnProcesses.Started prune = cairn.start(CairnProcesses.crashPoint(tmp.resolve("repo"), point, signal, null),
                cache(), "prune", "--max-unused", "0");
        try {
            prune.await("prune reached " + point, () -> Files.exists(signal));
            return Files.readString(signal);
        } finally {
            prune.kill();
        }
    }

    private int run(String... args) throws IOException, InterruptedException {
        return cairn.run(tmp.resolve("repo").toString(), cache(), args).code();
    }

    private String output(String... args) throws IOException, InterruptedException {
        CairnProcesses.Finished finished = cairn.run(tmp.resolve("repo").toString(), cache(), args);
        assertThat(finished.code()).isZero();
        return finished.output();
    }

    private Path cache() {
        return tmp.resolve("cache");
    }
}
