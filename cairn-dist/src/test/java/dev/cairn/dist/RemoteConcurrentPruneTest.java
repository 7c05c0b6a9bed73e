package dev.cairn.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.client.Lease;
import dev.cairn.client.LeaseClient;
import dev.cairn.client.RemoteStores;
import dev.cairn.client.ServerLocation;
import dev.cairn.testkit.DeterministicRandom;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backup and a prune against one server repository at once: the prune waits for the backup's lease, both finish. */
class RemoteConcurrentPruneTest {
    private static final int MIB = 1 << 20;
    @TempDir
    Path tmp;
    RemoteFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new RemoteFixture(tmp);
        f.env.put("CAIRN_TOKEN", f.fullToken);
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    @Test
    void aPruneWaitsForARunningBackupAndTheBackupsSnapshotReadsBack() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("src"));
        String repo = f.repo("laptop");
        f.ok("init", "-r", repo);
        for (int i = 0; i < 3; i++) {
            Files.write(source.resolve("gone" + i + ".bin"), DeterministicRandom.bytes(90 + i, 6 * MIB));
            Files.write(source.resolve("part" + i + ".bin"), DeterministicRandom.bytes(80 + i, 6 * MIB));
        }
        f.ok("backup", "-r", repo, source.toString());
        for (int i = 0; i < 3; i++) {
            Files.delete(source.resolve("gone" + i + ".bin"));
        }
        f.ok("backup", "-r", repo, source.toString());
        f.ok("forget", "-r", repo, "--keep-last", "1"); // the gone files' 18 MiB are now garbage for the prune
        Files.write(source.resolve("new.bin"), DeterministicRandom.bytes(99, 8 * MIB));

        Process backup = f.agentProcess("backup", "-r", repo, "--limit-upload", "2048", "--retry-lock", "5m",
                source.toString());
        RemoteFixture.Result prune;
        try {
            waitForBackupLease(backup, repo);
            prune = f.run("prune", "-r", repo, "--retry-lock", "5m");
            assertThat(backup.waitFor(5, TimeUnit.MINUTES)).isTrue();
        } finally {
            backup.destroyForcibly();
        }

        assertThat(backup.exitValue()).as("backup; its log:\n%s", Files.readString(tmp.resolve("agent.log"))).isZero();
        assertThat(prune.code()).as("%s", prune).isZero();
        assertThat(prune.out() + prune.err()).contains("(backup)") // it said whom it waited for
                .doesNotContain("delete 0 packs (0 listed by no index), repack 0 packs");
        f.ok("check", "-r", repo, "--read-data");
        Path target = tmp.resolve("restore");
        f.ok("restore", "latest", "-r", repo, "--target", target.toString());
        Path restored = target.resolve(source.toAbsolutePath().getRoot().relativize(source.toAbsolutePath()));
        assertThat(restored.resolve("new.bin")).hasBinaryContent(DeterministicRandom.bytes(99, 8 * MIB));
        assertThat(restored.resolve("part0.bin")).hasBinaryContent(DeterministicRandom.bytes(80, 6 * MIB));
    }

    private void waitForBackupLease(Process backup, String repo) throws Exception {
        ServerLocation location = ServerLocation.repository(repo, false);
        try (HttpClient http = RemoteStores.client(location)) {
            LeaseClient admin = LeaseClient.of(http, location, f.fullToken);
            while (true) {
                List<Lease> live = admin.list();
                if (!live.isEmpty()) {
                    return;
                }
                if (!backup.isAlive()) {
                    throw new AssertionError("the backup ended before it was seen holding a lease; its log:\n"
                            + Files.readString(tmp.resolve("agent.log")));
                }
                Thread.sleep(50);
            }
        }
    }
}
