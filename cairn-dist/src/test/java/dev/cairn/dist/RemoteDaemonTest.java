package dev.cairn.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.blob.BlobKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code cairn daemon} process backing up to a real cairn server with the device's append-only token: the runs
 * succeed, {@code keep} is refused by the server and that is logged once (not an error per run), and the run reports
 * leave the outbox.
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
    void anAppendOnlyDeviceBacksUpOnScheduleAndIsToldOnceThatRetentionIsNotItsToApply() throws Exception {
        String repo = f.repo("laptop");
        f.ok("init", "-r", repo);
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("a.txt"), "first");
        Path state = tmp.resolve("state");
        Path config = Files.writeString(tmp.resolve("daemon.yaml"), "state-dir: " + state + "\nsets:\n  home:\n    repository: "
                + repo + "\n    sources: [" + src + "]\n    schedule: every 1h\n    keep: {last: 1}\n");
        Process daemon = f.agentProcess("daemon", "--config", config.toString());
        try {
            await(() -> result(state).equals("success"), daemon);
            Files.writeString(src.resolve("a.txt"), "second");
            RemoteFixture.Result run = f.ok("run", "home", "--config", config.toString());
            assertThat(run.out()).contains("home: success");
            Files.writeString(src.resolve("a.txt"), "third");
            f.ok("run", "home", "--config", config.toString());

            assertThat(f.objects("laptop", BlobKind.SNAPSHOT)).as("the append token deleted nothing").hasSize(3);
            String log = Files.readString(tmp.resolve("agent.log"));
            assertThat(log.split("the token may not delete", -1)).as("logged once: %s", log).hasSize(2);
            assertThat(log).doesNotContain("retention failed");
            try (var outbox = Files.list(state.resolve("outbox"))) {
                assertThat(outbox.filter(p -> p.toString().endsWith(".json"))).as("reports left the outbox").isEmpty();
            }
        } finally {
            daemon.destroy();
            assertThat(daemon.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
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
