package dev.cairn.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.agent.cli.ExitCodes;
import dev.cairn.client.Lease;
import dev.cairn.client.LeaseClient;
import dev.cairn.client.LeaseConflictException;
import dev.cairn.client.RemoteStores;
import dev.cairn.client.ServerLocation;
import dev.cairn.testkit.DeterministicRandom;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Server leases instead of lock files (issue 14, docs/spec/http-api.md §12.4). */
class RemoteLeasesTest {
    @TempDir
    Path tmp;
    RemoteFixture f;
    String repo;
    HttpClient http;
    LeaseClient admin;

    @BeforeEach
    void start() throws Exception {
        f = new RemoteFixture(tmp);
        repo = f.repo("laptop");
        f.ok("init", "-r", repo);
        ServerLocation location = ServerLocation.repository(repo, false);
        http = RemoteStores.client(location);
        admin = LeaseClient.of(http, location, f.fullToken);
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
        f.close();
    }

    @Test
    void aBackupWaitsForNoOneButNamesTheHolderOfAnExclusiveLease() throws Exception {
        Lease prune = admin.acquire(true, "bob@server pid 7 (prune)", Duration.ofSeconds(120));
        Path source = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(source.resolve("a.txt"), "a\n");
        RemoteFixture.Result r = f.run("backup", "-r", repo, source.toString());
        assertThat(r.code()).as("%s", r).isEqualTo(ExitCodes.LOCKED);
        assertThat(r.err()).contains("bob@server pid 7 (prune)").contains("ends by itself");
        admin.release(prune.id());
        f.ok("backup", "-r", repo, source.toString());
        assertThat(admin.list()).as("the backup's lease is released at its end").isEmpty();
    }

    @Test
    void unlockListsLiveLeasesAndRemoveAllSaysWhatItRemoved() throws Exception {
        admin.acquire(false, "carol@desktop pid 9 (backup)", Duration.ofSeconds(120));
        RemoteFixture.Result list = f.ok("unlock", "-r", repo);
        assertThat(list.out() + list.err()).contains("in use: shared lease of carol@desktop pid 9 (backup)")
                .contains("removed 0 locks");
        f.env.put("CAIRN_TOKEN", f.fullToken);
        RemoteFixture.Result removed = f.ok("unlock", "-r", repo, "--remove-all");
        assertThat(removed.out() + removed.err()).contains("removed shared lease of carol@desktop pid 9 (backup)")
                .contains("removed 1 lock");
        assertThat(admin.list()).isEmpty();
    }

    @Test
    void theLeaseOfAKilledAgentStopsBlockingWithinItsTtl() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("src"));
        Files.write(source.resolve("big.bin"), DeterministicRandom.bytes(3, 8 << 20));
        Process agent = f.agentProcess("backup", "-r", repo, "--limit-upload", "32", source.toString());
        try {
            List<Lease> live = waitForLease();
            assertThat(live).singleElement().satisfies(l -> assertThat(l.holder()).contains("(backup)"));
            agent.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        } finally {
            agent.destroyForcibly();
        }
        assertThatThrownBy(() -> admin.acquire(true, "prune after the kill", Duration.ofSeconds(60)))
                .as("the dead agent's lease is still live until its TTL").isInstanceOf(LeaseConflictException.class);
        f.clock.advance(Duration.ofSeconds(121));
        Lease exclusive = admin.acquire(true, "prune after the TTL", Duration.ofSeconds(60));
        assertThat(exclusive.exclusive()).isTrue();
    }

    private List<Lease> waitForLease() throws Exception {
        for (int i = 0; i < 600; i++) {
            List<Lease> live = admin.list();
            if (!live.isEmpty()) {
                return live;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the agent never took a lease; its log:\n" + Files.readString(tmp.resolve("agent.log")));
    }
}
