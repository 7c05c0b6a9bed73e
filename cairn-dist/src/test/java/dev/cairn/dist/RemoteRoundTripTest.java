package dev.cairn.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.testkit.DeterministicRandom;
import dev.cairn.testkit.TreeAssert;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent backs up to a real server over http and gets every byte back (issue 14). */
class RemoteRoundTripTest {
    @TempDir
    Path tmp;
    RemoteFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new RemoteFixture(tmp);
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    @Test
    void initBackupSnapshotsRestoreAndCheckOverHttp() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("src"));
        Files.write(source.resolve("random.bin"), DeterministicRandom.bytes(7, 3 << 20));
        Files.writeString(Files.createDirectories(source.resolve("docs")).resolve("note.txt"), "hello over http\n");
        String repo = f.repo("laptop");
        f.ok("init", "-r", repo);
        f.ok("backup", "-r", repo, source.toString());
        JsonNode snapshots = new ObjectMapper().readTree(f.ok("snapshots", "-r", repo, "--json").out());
        assertThat(snapshots).hasSize(1);
        assertThat(snapshots.get(0).path("arrived").isTextual()).as("the server's arrival time: %s", snapshots).isTrue();
        assertThat(snapshots.get(0).path("time_suspect").asBoolean()).isFalse();
        assertThat(f.ok("snapshots", "-r", repo).out()).contains("Arrived");
        Path target = tmp.resolve("restored");
        f.ok("restore", "latest", "-r", repo, "--target", target.toString());
        TreeAssert.assertSameTree(source, target.resolve(source.toString().substring(1)));
        f.ok("check", "-r", repo, "--read-data");
        f.ok("ls", "latest", "-r", repo);
        f.ok("stats", "-r", repo);
        f.ok("find", "-r", repo, "note.txt");
    }

    @Test
    void aSnapshotWhoseClaimedTimeIsFarFromItsArrivalIsFlagged() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(source.resolve("a.txt"), "a\n");
        String repo = f.repo("forged");
        f.ok("init", "-r", repo);
        forgedBackup(repo, source, java.time.Instant.now().minus(java.time.Duration.ofDays(3)));
        f.ok("backup", "-r", repo, source.toString());
        JsonNode snapshots = new ObjectMapper().readTree(f.ok("snapshots", "-r", repo, "--json").out());
        assertThat(snapshots).hasSize(2);
        assertThat(snapshots.get(0).path("time_suspect").asBoolean()).as("the forged one: %s", snapshots).isTrue();
        assertThat(snapshots.get(1).path("time_suspect").asBoolean()).as("the honest one: %s", snapshots).isFalse();
        assertThat(f.ok("snapshots", "-r", repo).out()).contains(" *").contains("more than a day away");
    }

    /** A client whose clock claims {@code claimed} (a wrong clock, or a forger) backs up through the same server. */
    private void forgedBackup(String repo, Path source, java.time.Instant claimed) throws Exception {
        dev.cairn.engine.repo.Environment real = dev.cairn.engine.repo.Environment.system();
        dev.cairn.engine.repo.Environment forger = new dev.cairn.engine.repo.Environment(real.random(),
                dev.cairn.testkit.MutableClock.at(claimed), real.hostname(), real.username(), real.pid());
        try (dev.cairn.blob.BlobStore store = dev.cairn.blob.BlobStores.open(repo,
                java.util.Map.of(dev.cairn.client.HttpBlobStoreProvider.TOKEN, f.appendToken));
                dev.cairn.engine.repo.Repository r = dev.cairn.engine.repo.Repositories.open(store,
                        RemoteFixture.PASSPHRASE.toCharArray(), forger)) {
            dev.cairn.engine.backup.Archiver.create(r, dev.cairn.engine.backup.ArchiverOptions.defaults(),
                    dev.cairn.engine.backup.BackupListener.NONE).run(java.util.List.of(source));
        }
    }
}
