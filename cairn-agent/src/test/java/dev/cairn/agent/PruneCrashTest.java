package dev.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.blob.LocalBlobStore;
import dev.cairn.engine.crypto.KdfParams;
import dev.cairn.engine.repo.Environment;
import dev.cairn.engine.repo.Repositories;
import dev.cairn.engine.repo.Repository;
import dev.cairn.testkit.DeterministicRandom;
import dev.cairn.testkit.TreeAssert;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
    private static final Duration ARRIVAL = Duration.ofSeconds(120);

    @TempDir
    Path tmp;
    private Path source;

    /** Two snapshots with 64 KiB packs; the first is forgotten, so its tree packs are unused and its data packs half used. */
    @BeforeEach
    void repositoryWithAForgottenSnapshot() throws Exception {
        try (LocalBlobStore store = LocalBlobStore.create(tmp.resolve("repo"));
             Repository r = Repositories.init(store, PASSWORD.toCharArray(), Repositories.InitOptions.defaults()
                     .withKdf(KdfParams.TEST).withPackSize(64 << 10), Environment.system())) {
            assertThat(r.config().packSize()).isEqualTo(64 << 10);
        }
        source = Files.createDirectories(tmp.resolve("src"));
        for (int i = 0; i < 12; i++) {
            Files.write(source.resolve("f" + i), DeterministicRandom.bytes(i, 20 << 10)); // 4 files a pack
        }
        assertThat(run("backup", source.toString())).isZero();
        Files.copy(source.resolve("f0"), tmp.resolve("old-f0"));
        for (int i = 0; i < 12; i += 2) {
            Files.write(source.resolve("f" + i), DeterministicRandom.bytes(100 + i, 20 << 10)); // every pack half unused
        }
        assertThat(run("backup", source.toString())).isZero();
        assertThat(run("forget", "--keep-last", "1")).isZero();
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
        String location = "crashpoint:" + tmp.resolve("repo").toUri().getRawPath() + "?point=" + point + "&signal="
                + URLEncoder.encode(signal.toString(), StandardCharsets.UTF_8);
        Process prune = cairn(location, "prune", "--max-unused", "0");
        try {
            long deadline = System.nanoTime() + ARRIVAL.toNanos();
            while (!Files.exists(signal) && prune.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(Files.exists(signal)).as("prune reached %s (log: %s)", point, log()).isTrue();
            return Files.readString(signal);
        } finally {
            prune.destroyForcibly();
            assertThat(prune.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    private String log() throws IOException {
        Path log = tmp.resolve("cairn.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private int run(String... args) throws IOException, InterruptedException {
        Process p = cairn(tmp.resolve("repo").toString(), args);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("cairn %s finished", String.join(" ", args)).isTrue();
        return p.exitValue();
    }

    private String output(String... args) throws IOException, InterruptedException {
        long before = Files.exists(tmp.resolve("cairn.log")) ? Files.size(tmp.resolve("cairn.log")) : 0;
        assertThat(run(args)).isZero();
        return Files.readString(tmp.resolve("cairn.log")).substring((int) before);
    }

    private Process cairn(String repository, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
                AgentMain.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(tmp.resolve("cairn.log").toFile()));
        pb.environment().put("CAIRN_REPOSITORY", repository);
        pb.environment().put("CAIRN_PASSWORD", PASSWORD);
        pb.environment().put("CAIRN_CACHE_DIR", tmp.resolve("cache").toString());
        pb.environment().put("LC_ALL", "C.UTF-8");
        return pb.start();
    }
}
