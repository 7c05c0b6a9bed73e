package dev.cairn.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.blob.BlobKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code cairn daemon} process backing up to a real cairn server with the device's append-only token: the backups
 * succeed and arrive on the server as run reports ({@code GET /api/v1/runs}) with their counts;
 * {@code keep} is refused by the server, which every run reports as a failed {@code forget} that says why (the deletion
 * is tried once and logged once), and nothing is deleted.
 */
class RemoteDaemonTest {
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
    void anAppendOnlyDeviceBacksUpOnScheduleReportsItsRunsAndEveryRunSaysRetentionWasRefused() throws Exception {
        String repo = f.repo("laptop");
        f.ok("init", "-r", repo);
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("a.txt"), "first");
        Path state = tmp.resolve("state");
        Path config = Files.writeString(tmp.resolve("daemon.yaml"), "state-dir: " + state + "\nsets:\n  home:\n    repository: "
                + repo + "\n    sources: [" + src + "]\n    schedule: every 1h\n    keep: {last: 1}\n");
        Process daemon = f.agentProcess("daemon", "--config", config.toString());
        try {
            await(() -> !result(state).isEmpty(), daemon);
            Files.writeString(src.resolve("a.txt"), "second");
            RemoteFixture.Result run = f.run("run", "home", "--config", config.toString());
            assertThat(run.code()).as("%s", run).isEqualTo(1);
            assertThat(run.out()).contains("home: failed").contains("'keep' was not applied");
            Files.writeString(src.resolve("a.txt"), "third");
            f.run("run", "home", "--config", config.toString());

            assertThat(f.objects("laptop", BlobKind.SNAPSHOT)).as("the append token deleted nothing").hasSize(3);
            String log = Files.readString(tmp.resolve("agent.log"));
            assertThat(log.split("the server refused to delete", -1)).as("logged once: %s", log).hasSize(2);
            try (var outbox = Files.list(state.resolve("outbox"))) {
                assertThat(outbox.filter(p -> p.toString().endsWith(".json"))).as("reports left the outbox").isEmpty();
            }

            JsonNode runs = f.runs();
            List<JsonNode> backups = kind(runs, "backup");
            assertThat(backups).as("%s", runs).hasSize(3);
            for (JsonNode b : backups) {
                assertThat(b.path("status").asText()).isEqualTo("success");
                assertThat(b.path("device").asText()).as("a token without a device name reports under the host")
                        .isEqualTo(b.path("host").asText()).isNotBlank();
                assertThat(b.path("set").asText()).isEqualTo("home");
                assertThat(b.path("repository").asText()).isEqualTo("laptop");
                assertThat(b.path("snapshotId").asText()).matches("[0-9a-f]{64}");
            }
            JsonNode last = backups.get(0); // newest first: "third" replaced "second"
            assertThat(last.path("filesChanged").asLong()).isEqualTo(1);
            assertThat(last.path("bytesChanged").asLong()).isEqualTo("third".length());
            assertThat(backups.get(2).path("filesNew").asLong()).isEqualTo(1);
            List<JsonNode> forgets = kind(runs, "forget");
            assertThat(forgets).as("one per run, each failed and saying why").hasSize(3).allSatisfy(r -> {
                assertThat(r.path("status").asText()).isEqualTo("failed");
                assertThat(r.path("errors").get(0).asText()).contains("'keep' was not applied", "the server refused to delete",
                        "token-file", "cairn forget --prune");
            });
            assertThat(result(state)).as("the run failed: retention is configured and cannot be applied").isEqualTo("failed");
        } finally {
            daemon.destroy();
            assertThat(daemon.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static List<JsonNode> kind(JsonNode runs, String kind) {
        List<JsonNode> list = new java.util.ArrayList<>();
        runs.forEach(r -> {
            if (r.path("kind").asText().equals(kind)) {
                list.add(r);
            }
        });
        return list;
    }

    private static String result(Path state) {
        try {
            JsonNode s = new ObjectMapper().readTree(state.resolve("state.json").toFile()).path("sets").path("home");
            return s.path("result").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    private void await(BooleanSupplier condition, Process daemon) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!condition.getAsBoolean() && daemon.isAlive() && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as("daemon log: %s", Files.readString(tmp.resolve("agent.log"))).isTrue();
    }
}
