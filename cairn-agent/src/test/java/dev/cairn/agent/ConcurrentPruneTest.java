package dev.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.testkit.DeterministicRandom;
import dev.cairn.testkit.TreeAssert;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup and a prune started side by side on one local repository as real processes (spec §Locks, §Prune): whichever
 * holds its lock first is held there (a gate of {@link CrashPointProvider}) until the other says it waits
 * ({@code --retry-lock}); then both finish, and the backup's snapshot passes {@code check --read-data} and restores. And a
 * killed prune's exclusive lock does not block the next backup on the same host: its process is gone, so the lock is stale.
 */
class ConcurrentPruneTest {
    private static final String PASSWORD = "concurrent";

    @TempDir
    Path tmp;
    private CairnProcesses cairn;
    private Path repo;
    private Path cache;
    private Path fresh;

    /** Two snapshots, the first forgotten (so prune has packs to repack and delete), and new data for the backup. */
    @BeforeEach
    void repositoryWithAForgottenSnapshot() throws Exception {
        cairn = new CairnProcesses(tmp, PASSWORD);
        repo = tmp.resolve("repo");
        cache = tmp.resolve("cache");
        cairn.init(repo);
        Path source = Files.createDirectories(tmp.resolve("src"));
        write(source, 12, 0);
        ok("backup", source.toString());
        for (int i = 0; i < 12; i += 2) {
            Files.write(source.resolve("f" + i), DeterministicRandom.bytes(100 + i, 20 << 10)); // every pack half unused
        }
        ok("backup", source.toString());
        ok("forget", "--keep-last", "1");
        fresh = Files.createDirectories(tmp.resolve("fresh"));
        write(fresh, 12, 200);
    }

    @Test
    void aPruneStartedDuringABackupWaitsForItAndBothFinish() throws Exception {
        bothFinish("backup", "data:done:1", "backup", "--retry-lock", "5m", fresh.toString());
    }

    @Test
    void aBackupStartedDuringAPruneWaitsForItAndBothFinish() throws Exception {
        bothFinish("prune", "data:done:1", "prune", "--retry-lock", "5m", "--max-unused", "0");
    }

    @Test
    void aKilledPrunesLockDoesNotBlockTheNextBackupOnThisHost() throws Exception {
        Path signal = tmp.resolve("signal");
        CairnProcesses.Started prune = cairn.start(CairnProcesses.crashPoint(repo, "index:done:1", signal, null), cache,
                "prune", "--max-unused", "0");
        long pid = prune.process().pid();
        try {
            prune.await("prune holds its exclusive lock and wrote an index", () -> Files.exists(signal));
        } finally {
            prune.kill();
        }
        CairnProcesses.Finished backup = cairn.run(repo.toString(), cache, "backup", fresh.toString());
        assertThat(backup.code()).as(backup.output()).isZero();
        assertThat(backup.output()).contains("removed the exclusive lock of pid " + pid + " on ", "a process that no longer runs");
        assertThat(cairn.run(repo.toString(), cache, "prune", "--max-unused", "0").code()).isZero();
        assertRestoresAndChecks();
    }

    /**
     * Starts {@code first} held at {@code point} (holding its lock), then the other command with {@code --retry-lock};
     * once that one says it waits, lets the first go on: both must finish.
     */
    private void bothFinish(String first, String point, String... firstArgs) throws Exception {
        Path signal = tmp.resolve("signal");
        Path release = tmp.resolve("release");
        CairnProcesses.Started held = cairn.start(CairnProcesses.crashPoint(repo, point, signal, release), cache, firstArgs);
        CairnProcesses.Started other;
        try {
            held.await(first + " holds its lock at " + point, () -> Files.exists(signal));
            other = first.equals("backup")
                    ? cairn.start(repo.toString(), cache, "prune", "--retry-lock", "5m", "--max-unused", "0")
                    : cairn.start(repo.toString(), cache, "backup", "--retry-lock", "5m", fresh.toString());
            other.awaitOutput("(--retry-lock)");
            Files.writeString(release, "go");
        } catch (AssertionError | Exception e) {
            held.kill();
            throw e;
        }
        CairnProcesses.Finished a = held.finish();
        CairnProcesses.Finished b = other.finish();
        assertThat(a.code()).as(a.output()).isZero();
        assertThat(b.code()).as(b.output()).isZero();
        assertRestoresAndChecks();
    }

    private void assertRestoresAndChecks() throws Exception {
        ok("check", "--read-data");
        Path target = tmp.resolve("target");
        ok("restore", "latest", "--target", target.toString()); // the backup of fresh is the newest snapshot
        Path abs = fresh.toAbsolutePath();
        TreeAssert.assertSameTree(fresh, target.resolve(abs.getRoot().relativize(abs).toString()));
    }

    private void ok(String... args) throws Exception {
        CairnProcesses.Finished done = cairn.run(repo.toString(), cache, args);
        assertThat(done.code()).as("cairn %s: %s", String.join(" ", args), done.output()).isZero();
    }

    private static void write(Path dir, int files, long seed) throws IOException {
        for (int i = 0; i < files; i++) {
            Files.write(dir.resolve("f" + (seed + i)), DeterministicRandom.bytes(seed + i, 20 << 10));
        }
    }
}
