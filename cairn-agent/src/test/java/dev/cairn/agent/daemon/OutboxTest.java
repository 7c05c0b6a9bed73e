package dev.cairn.agent.daemon;

import static dev.cairn.agent.daemon.DaemonFixture.stepAndSettle;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run reports: the contract's body, and the outbox that keeps them while the server is away or the device signed out. */
class OutboxTest {
    @TempDir
    Path tmp;

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void aRunWhileTheServerIsDownIsReportedWhenItIsBack() throws Exception {
        DaemonFixture f = new DaemonFixture(tmp);
        f.sender = new HttpReportSender();
        Path repo = f.repository("repo");
        Path src = f.sources("src");
        int port = freePort();
        Path config = f.config("report-to: http://127.0.0.1:" + port + "\nsets:\n  home:\n    repository: " + repo
                + "\n    sources: [" + src + "]\n    schedule: every 1h\n");
        try (Daemon d = f.start(config)) {
            stepAndSettle(d);
            assertThat(d.scheduler().states().get("home").result()).as("the backup itself succeeded").isEqualTo("success");
            assertThat(d.outbox().pending()).isEqualTo(1);
            try (ReportReceiver server = new ReportReceiver(port)) {
                f.clock.advance(Daemon.OUTBOX_RETRY);
                d.step(); // the loop retries the outbox
                DaemonFixture.awaitTrue(() -> server.received.size() == 1, java.time.Duration.ofSeconds(20));
                JsonNode r = server.received.get(0);
                assertThat(r.path("kind").asText()).isEqualTo("backup");
                assertThat(r.path("set").asText()).isEqualTo("home");
                assertThat(r.path("repository").asText()).isEqualTo(repo.toString());
                assertThat(r.path("host").asText()).isEqualTo("testhost");
                assertThat(r.path("agentVersion").asText()).isEqualTo("test");
                assertThat(r.path("status").asText()).isEqualTo("success");
                assertThat(r.path("snapshotId").asText()).hasSize(64);
                assertThat(r.path("filesNew").asLong()).isEqualTo(3);
                assertThat(r.path("bytesNew").asLong()).isEqualTo(3 * "content 0 of src".length());
                assertThat(r.path("bytesStored").asLong()).isPositive();
                assertThat(Instant.parse(r.path("startedAt").asText())).isBeforeOrEqualTo(Instant.parse(r.path("endedAt").asText()));
                assertThat(r.path("errors").isArray()).isTrue();
                assertThat(r.path("damageFound").asBoolean(true)).isFalse();
                assertThat(r.path("runId").asText()).matches("[0-9a-f-]{36}");
                DaemonFixture.awaitTrue(() -> {
                    try {
                        return d.outbox().pending() == 0;
                    } catch (java.io.IOException e) {
                        throw new AssertionError(e);
                    }
                }, java.time.Duration.ofSeconds(10));
            }
        }
    }

    @Test
    void signedOutKeepsTheReportOtherRefusalsDropIt() throws Exception {
        ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
        Log log = new Log(new PrintStream(logBytes, true, StandardCharsets.UTF_8), Clock.systemUTC());
        try (ReportReceiver server = new ReportReceiver(0)) {
            Outbox outbox = new Outbox(tmp, new HttpReportSender(), (s, f, i) -> Optional.of("test-token"), log);
            outbox.add(server.uri(), null, true, report("r1"));
            server.status = 401;
            assertThat(outbox.deliver()).isZero();
            assertThat(outbox.deliver()).isZero();
            assertThat(outbox.pending()).isEqualTo(1);
            assertThat(logBytes.toString(StandardCharsets.UTF_8)).containsOnlyOnce("signed out (401)");

            server.status = 0;
            assertThat(outbox.deliver()).isEqualTo(1);
            assertThat(server.byRunId).containsKey("r1");

            outbox.add(server.uri(), null, true, report("r1")); // sent again (a crash before the delete): recorded once
            assertThat(outbox.deliver()).isEqualTo(1);
            assertThat(server.byRunId).hasSize(1);
            assertThat(server.received).hasSize(2);

            outbox.add(server.uri(), null, true, report("r2"));
            server.status = 422;
            assertThat(outbox.deliver()).isZero();
            assertThat(outbox.pending()).isZero();
            assertThat(logBytes.toString(StandardCharsets.UTF_8)).contains("refused by " + server.uri() + " with HTTP 422; dropped");

            outbox.add(server.uri(), null, true, report("r3"));
            server.status = 503;
            assertThat(outbox.deliver()).isZero();
            assertThat(outbox.pending()).as("a server error keeps it").isEqualTo(1);
        }
    }

    private static RunReport report(String id) {
        Instant t = Instant.parse("2026-03-02T10:00:00Z");
        return RunReport.simple(id, "backup", "home", "laptop", "h", "1", t, t.plusSeconds(5), "success", List.of());
    }
}
