package dev.cairn.server.restic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.protocol.TokenScope;
import dev.cairn.server.TestServer;
import dev.cairn.testkit.DeterministicRandom;
import dev.cairn.testkit.Restic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The unmodified Debian restic client against the server's REST v2 endpoint: init, backup, snapshots, restore,
 * check --read-data and forget --prune with a full token and with the password; an append token can back up but its
 * forget --prune fails and deletes nothing; a backup past the quota fails with the quota's words in restic's error.
 */
class ResticIntegrationTest {
    @TempDir
    static Path dir;
    static TestServer server;
    static Path source;
    /** Refused operations, which restic retries for about a minute; started early, interrupted at their first refusal. */
    static Process appendForget;
    static Process readBackup;
    static Process quotaBackup;

    @BeforeAll
    static void start() throws Exception {
        Restic.ensureInstalled();
        server = TestServer.start(dir.resolve("server"));
        server.account("alice");
        source = dir.resolve("source");
        Files.createDirectories(source.resolve("sub"));
        Files.write(source.resolve("big.bin"), DeterministicRandom.bytes(1, 12 * 1024 * 1024));
        Files.writeString(source.resolve("sub/hello.txt"), "hello restic\n".repeat(1000));
        for (int i = 0; i < 20; i++) {
            Files.write(source.resolve("sub/small-" + i), DeterministicRandom.bytes(100 + i, 1000 * i));
        }
        startRefusedRuns();
    }

    private static void startRefusedRuns() throws Exception {
        Restic append = restic(server.token("alice", TokenScope.APPEND), "append-only");
        assertOk(append.run("init"));
        assertOk(append.run("backup", "--host", "test", source.resolve("sub").toString()));
        assertOk(append.run("backup", "--host", "test", source.resolve("sub").toString()));
        appendForget = append.start("forget", "--keep-last", "1", "--prune");

        Restic full = restic(server.token("alice", TokenScope.FULL), "read-only");
        assertOk(full.run("init"));
        assertOk(full.run("backup", "--host", "test", source.resolve("sub/hello.txt").toString()));
        Restic read = restic(server.token("alice", TokenScope.READ), "read-only");
        assertOk(read.run("snapshots", "--no-lock"));
        readBackup = read.start("backup", "--host", "test", source.resolve("sub").toString());

        server.account("bob");
        server.core().accounts().setQuota("bob", 6L * 1024 * 1024);
        Restic bob = new Restic("rest:http://bob:" + server.token("bob", TokenScope.FULL) + "@127.0.0.1:"
                + server.app().port() + "/bob/full/", dir.resolve("cache"));
        assertOk(bob.run("init"));
        quotaBackup = bob.start("backup", "--host", "test", source.resolve("big.bin").toString());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static Restic restic(String secret, String repo) {
        String url = "rest:http://alice:" + secret + "@127.0.0.1:" + server.app().port() + "/alice/" + repo + "/";
        return new Restic(url, dir.resolve("cache"));
    }

    @Test
    void fullTokenRunsTheWholeLifeCycle() throws Exception {
        Restic restic = restic(server.token("alice", TokenScope.FULL), "main");
        assertOk(restic.run("init"));
        assertOk(restic.run("backup", "--host", "test", source.toString()));
        Files.writeString(source.resolve("sub/changed.txt"), "second backup\n");
        assertOk(restic.run("backup", "--host", "test", source.toString()));
        assertThat(restic.run("snapshots", "--json").output()).contains("\"hostname\":\"test\"");

        Path target = dir.resolve("restore");
        assertOk(restic.run("restore", "latest", "--target", target.toString()));
        assertSameTree(source, target.resolve(source.toString().substring(1)));

        assertOk(restic.run("check", "--read-data"));
        assertOk(restic.run("forget", "--keep-last", "1", "--prune"));
        assertThat(restic.run("snapshots", "--json").output().split("\"short_id\"")).hasSize(2);
        assertOk(restic.run("check", "--read-data"));

        var usage = server.core().quota().usage(server.core().accounts().require("alice").id());
        assertThat(usage.storedBytes()).isPositive();
        assertThat(usage.reservedBytes()).isZero();
        assertThat(server.app().reconcile()).as("usage drift after a restic life cycle").isEmpty();
    }

    @Test
    void appendTokenBacksUpButCannotForget() throws Exception {
        Restic.Result forget = Restic.interruptOnceSeen(appendForget, "403", 240);
        assertThat(forget.output()).contains("403");

        Restic full = restic(server.token("alice", TokenScope.FULL), "append-only");
        assertThat(full.run("snapshots", "--json").output().split("\"short_id\"")).hasSize(3);
        assertOk(full.run("check"));
    }

    @Test
    void accountPasswordWorksLikeAFullToken() throws Exception {
        Restic restic = restic(TestServer.password("alice"), "by-password");
        assertOk(restic.run("init"));
        assertOk(restic.run("backup", "--host", "test", source.resolve("sub/hello.txt").toString()));
        assertOk(restic.run("snapshots"));
    }

    @Test
    void readTokenCanListButNotBackUp() throws Exception {
        Restic.Result backup = Restic.interruptOnceSeen(readBackup, "403", 240);
        assertThat(backup.output()).contains("403");
    }

    @Test
    void resticShowsTheQuotaMessageNotOnlyTheStatus() throws Exception {
        Restic.Result backup = Restic.interruptOnceSeen(quotaBackup, "quota-", 240);
        assertThat(backup.output()).as("restic prints only the status line, so the reason phrase carries the problem")
                .containsPattern("(507|413) quota-(exceeded|too-small): ")
                .contains("of 6291456 bytes");
    }

    private static void assertOk(Restic.Result r) {
        assertThat(r.exitCode()).as("restic output:\n%s", r.output()).isZero();
    }

    private static void assertSameTree(Path expected, Path actual) throws Exception {
        try (Stream<Path> files = Files.walk(expected)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path restored = actual.resolve(expected.relativize(f).toString());
                assertThat(Files.mismatch(f, restored)).as(restored.toString()).isEqualTo(-1L);
            }
        }
    }
}
