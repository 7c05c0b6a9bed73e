package dev.cairn.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.blob.BlobKind;
import dev.cairn.testkit.DeterministicRandom;
import dev.cairn.testkit.TreeAssert;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn copy}: a local repository's snapshots onto a server, checked there with --read-data, idempotent. */
class RemoteCopyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
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
    void copyLocalToServerThenAgainCopiesNothing() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("src"));
        Files.write(source.resolve("random.bin"), DeterministicRandom.bytes(11, 2 << 20));
        Files.writeString(Files.createDirectories(source.resolve("docs")).resolve("note.txt"), "first\n");
        String local = tmp.resolve("local").toString();
        f.env.put("CAIRN_FROM_PASSWORD", "local passphrase");
        f.env.put("CAIRN_PASSWORD", "local passphrase");
        f.ok("init", "-r", local);
        f.ok("backup", "-r", local, "--tag", "first", source.toString());
        Files.writeString(source.resolve("docs/note.txt"), "second, changed\n");
        f.ok("backup", "-r", local, source.toString());
        f.env.put("CAIRN_PASSWORD", RemoteFixture.PASSPHRASE);
        String remote = f.repo("copy");
        f.ok("init", "-r", remote);

        JsonNode first = lastLine(f.ok("copy", "--json", "-r", remote, "--from-repo", local).out());
        assertThat(first.get("snapshots_copied").asInt()).isEqualTo(2);
        int dataObjects = f.objects("copy", BlobKind.PACK).size();
        f.ok("check", "-r", remote, "--read-data");
        JsonNode snapshots = JSON.readTree(f.ok("snapshots", "-r", remote, "--json").out());
        assertThat(snapshots).hasSize(2);
        assertThat(snapshots.get(0).get("tags").get(0).asText()).isEqualTo("first");
        Path target = tmp.resolve("restored");
        f.ok("restore", "latest", "-r", remote, "--target", target.toString());
        TreeAssert.assertSameTree(source, target.resolve(source.toString().substring(1)));

        JsonNode again = lastLine(f.ok("copy", "--json", "-r", remote, "--from-repo", local).out());
        assertThat(again.get("snapshots_copied").asInt()).isZero();
        assertThat(again.get("snapshots_skipped").asInt()).isEqualTo(2);
        assertThat(f.objects("copy", BlobKind.PACK)).hasSize(dataObjects);
        assertThat(JSON.readTree(f.ok("snapshots", "-r", remote, "--json").out())).hasSize(2);
    }

    private static JsonNode lastLine(String out) throws Exception {
        String[] lines = out.strip().split("\n");
        return JSON.readTree(lines[lines.length - 1]);
    }
}
