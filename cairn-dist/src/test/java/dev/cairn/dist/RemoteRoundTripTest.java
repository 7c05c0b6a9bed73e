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
        f.clock.advance(java.time.Duration.ofDays(3)); // the server receives the snapshot three days after the agent's clock
        f.ok("backup", "-r", repo, source.toString());
        JsonNode snapshots = new ObjectMapper().readTree(f.ok("snapshots", "-r", repo, "--json").out());
        assertThat(snapshots.get(0).path("time_suspect").asBoolean()).as("%s", snapshots).isTrue();
        assertThat(f.ok("snapshots", "-r", repo).out()).contains(" *").contains("more than a day away");
    }
}
