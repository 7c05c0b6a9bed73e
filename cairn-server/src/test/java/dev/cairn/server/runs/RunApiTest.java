package dev.cairn.server.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.protocol.TokenScope;
import dev.cairn.server.ServerConfig;
import dev.cairn.server.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST/GET /api/v1/runs} against a real server (SQLite here; {@link RunApiPostgresTest} runs the same on
 * PostgreSQL): a device token records under its device name, a repeated runId returns the stored run, invalid reports
 * get 422 with every field named, lists page newest first, and one account can neither read nor overwrite another's
 * runs or alert settings.
 */
class RunApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    TestServer server;
    String laptop;
    String full;

    /** How the server under test stores its metadata. */
    ServerConfig storage(ServerConfig config) {
        return config;
    }

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(dir, this::storage);
        server.account("ann");
        server.account("bob");
        long ann = server.core().accounts().require("ann").id();
        laptop = server.core().devices().signIn(ann, "laptop", TokenScope.APPEND).token().token();
        full = server.token("ann", TokenScope.FULL);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    static ObjectNode report(String runId, String kind, String status, String startedAt) {
        ObjectNode r = JSON.createObjectNode().put("runId", runId).put("kind", kind).put("set", "home")
                .put("repository", "laptop").put("host", "ann-host").put("agentVersion", "0.1")
                .put("startedAt", startedAt).put("endedAt", startedAt.replace(":00Z", ":30Z")).put("status", status)
                .put("snapshotId", "ab12cd").put("filesNew", 3).put("filesChanged", 2).put("filesUnchanged", 10)
                .put("bytesNew", 3000).put("bytesChanged", 200).put("bytesUnchanged", 99999).put("bytesStored", 1234)
                .put("damageFound", false);
        r.putArray("errors");
        return r;
    }

    HttpResponse<String> post(String token, Object body) throws Exception {
        return server.post("/api/v1/runs", "application/json", body.toString(), "Authorization", "Bearer " + token);
    }

    HttpResponse<String> get(String token, String query) throws Exception {
        return server.send(server.request("/api/v1/runs" + query).header("Authorization", "Bearer " + token).GET()
                .build());
    }

    @Test
    void aDeviceTokenRecordsUnderItsDeviceAndARepeatReturnsTheStoredRun() throws Exception {
        String id = UUID.randomUUID().toString();
        HttpResponse<String> first = post(laptop, report(id, "backup", "success", "2026-12-01T10:00:00Z"));
        assertThat(first.statusCode()).isEqualTo(201);
        JsonNode run = JSON.readTree(first.body());
        assertThat(run.path("device").asText()).isEqualTo("laptop");
        assertThat(run.path("host").asText()).isEqualTo("ann-host");
        assertThat(run.path("bytesNew").asLong()).isEqualTo(3000);
        assertThat(run.path("startedAt").asText()).isEqualTo("2026-12-01T10:00:00Z");

        ObjectNode changed = report(id, "backup", "failed", "2026-12-02T10:00:00Z");
        HttpResponse<String> again = post(laptop, changed);
        assertThat(again.statusCode()).isEqualTo(200);
        JsonNode stored = JSON.readTree(again.body());
        assertThat(stored.path("id").asLong()).isEqualTo(run.path("id").asLong());
        assertThat(stored.path("status").asText()).isEqualTo("success");
        assertThat(JSON.readTree(get(full, "").body()).path("runs")).hasSize(1);
    }

    @Test
    void aTokenWithoutADeviceNameRecordsUnderTheReportedHost() throws Exception {
        String append = server.token("ann", TokenScope.APPEND);
        HttpResponse<String> r = post(append, report(UUID.randomUUID().toString(), "check", "success",
                "2026-12-01T10:00:00Z"));
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(r.body()).path("device").asText()).isEqualTo("ann-host");
    }

    @Test
    void invalidReportsAre422WithEveryFieldNamedAndNothingStored() throws Exception {
        ObjectNode bad = report("not-a-uuid", "nap", "fine", "yesterday");
        bad.put("filesNew", -1).put("host", "x".repeat(201)).put("damageFound", "no");
        HttpResponse<String> r = post(laptop, bad);
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(r.body());
        assertThat(problem.path("code").asText()).isEqualTo("validation-failed");
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertThat(fields).contains("runId", "kind", "status", "startedAt", "endedAt", "filesNew", "host",
                "damageFound");

        ObjectNode tooMany = report(UUID.randomUUID().toString(), "backup", "partial", "2026-12-01T10:00:00Z");
        var errors = tooMany.putArray("errors");
        for (int i = 0; i < 101; i++) {
            errors.add("unreadable file " + i);
        }
        assertThat(post(laptop, tooMany).body()).contains("\"field\":\"errors\"", "at most 100");

        ObjectNode longError = report(UUID.randomUUID().toString(), "backup", "partial", "2026-12-01T10:00:00Z");
        longError.putArray("errors").add("ok").add("é".repeat(1001));
        HttpResponse<String> longOne = post(laptop, longError);
        assertThat(longOne.statusCode()).isEqualTo(422);
        assertThat(longOne.body()).contains("errors[1]");

        ObjectNode fullSize = report(UUID.randomUUID().toString(), "backup", "partial", "2026-12-01T10:00:00Z");
        var hundred = fullSize.putArray("errors");
        for (int i = 0; i < 100; i++) {
            hundred.add("é".repeat(1000));
        }
        assertThat(post(laptop, fullSize).statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(get(full, "").body()).path("runs")).hasSize(1);
    }

    @Test
    void listsPageNewestFirstAndFilterByDevice() throws Exception {
        String append = server.token("ann", TokenScope.APPEND);
        for (int day = 1; day <= 5; day++) {
            assertThat(post(laptop, report(UUID.randomUUID().toString(), "backup", "success",
                    "2026-12-0" + day + "T10:00:00Z")).statusCode()).isEqualTo(201);
        }
        post(append, report(UUID.randomUUID().toString(), "backup", "failed", "2026-12-03T11:00:00Z"));

        JsonNode page1 = JSON.readTree(get(full, "?device=laptop&limit=2").body());
        assertThat(page1.path("runs").findValuesAsText("startedAt"))
                .containsExactly("2026-12-05T10:00:00Z", "2026-12-04T10:00:00Z");
        String next = page1.path("next").asText();
        JsonNode page2 = JSON.readTree(get(full, "?device=laptop&limit=2&before=" + next).body());
        assertThat(page2.path("runs").findValuesAsText("startedAt"))
                .containsExactly("2026-12-03T10:00:00Z", "2026-12-02T10:00:00Z");
        JsonNode all = JSON.readTree(get(full, "?before=2026-12-04T00:00:00Z").body());
        assertThat(all.path("runs").findValuesAsText("device")).containsExactly("ann-host", "laptop", "laptop",
                "laptop");
        assertThat(all.path("next").isNull()).isTrue();
        assertThat(get(full, "?limit=0").statusCode()).isEqualTo(400);
        assertThat(get(full, "?before=soon").statusCode()).isEqualTo(400);
    }

    @Test
    void listingNeedsTheOwnerNotADeviceToken() throws Exception {
        assertThat(get(laptop, "").statusCode()).isEqualTo(403);
        assertThat(server.send(server.request("/api/v1/runs").GET().build()).statusCode()).isEqualTo(401);
        assertThat(server.post("/api/v1/runs", "application/json", report(UUID.randomUUID().toString(), "backup",
                "success", "2026-12-01T10:00:00Z").toString()).statusCode()).isEqualTo(401);
    }

    @Test
    void oneAccountCannotReadOrOverwriteAnothersRunsOrSettings() throws Exception {
        String id = UUID.randomUUID().toString();
        assertThat(post(laptop, report(id, "backup", "success", "2026-12-01T10:00:00Z")).statusCode()).isEqualTo(201);
        String bob = server.token("bob", TokenScope.FULL);
        // Bob's token presented under Ann's name is refused; with Bob's own name it sees only Bob's runs
        HttpResponse<String> asAnn = server.send(server.request("/api/v1/runs")
                .header("Authorization", TestServer.basic("ann", bob)).GET().build());
        assertThat(asAnn.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(get(bob, "?device=laptop").body()).path("runs")).isEmpty();
        // the same runId from Bob is Bob's own run, and does not touch Ann's
        HttpResponse<String> bobs = post(bob, report(id, "backup", "failed", "2026-12-09T10:00:00Z"));
        assertThat(bobs.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(bobs.body()).path("device").asText()).isEqualTo("ann-host");
        JsonNode anns = JSON.readTree(get(full, "").body()).path("runs");
        assertThat(anns).hasSize(1);
        assertThat(anns.get(0).path("status").asText()).isEqualTo("success");

        HttpResponse<String> annSettings = server.send(server.request("/api/v1/account/alerts")
                .header("Authorization", "Bearer " + full).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"webhookUrl\":\"https://hooks.example.com/ann\","
                        + "\"webhookSecret\":\"ann-secret-0123456789\"}")).build());
        assertThat(annSettings.statusCode()).isEqualTo(200);
        assertThat(annSettings.body()).doesNotContain("ann-secret-0123456789");
        HttpResponse<String> bobView = server.send(server.request("/api/v1/account/alerts")
                .header("Authorization", "Bearer " + bob).GET().build());
        assertThat(bobView.body()).doesNotContain("hooks.example.com/ann");
        server.send(server.request("/api/v1/account/alerts/devices/laptop").header("Authorization", "Bearer " + bob)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"noBackupDays\":0}")).build());
        long ann = server.core().accounts().require("ann").id();
        assertThat(server.core().alertSettings().noBackupDays(ann, "laptop")).isEqualTo(3);
        assertThat(server.core().alertSettings().get(ann).webhookUrl()).isEqualTo("https://hooks.example.com/ann");
        // a device token cannot change where alerts go
        HttpResponse<String> byDevice = server.send(server.request("/api/v1/account/alerts")
                .header("Authorization", "Bearer " + laptop).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"webhookUrl\":\"https://evil.example.com/\","
                        + "\"webhookSecret\":\"evil-secret-0123456789\"}")).build());
        assertThat(byDevice.statusCode()).isEqualTo(403);
    }

    @Test
    void storedBytesAreSampledOncePerDayTheLastSampleWinning() throws Exception {
        long ann = server.core().accounts().require("ann").id();
        var history = server.core().usageHistory();
        history.sample();
        var put = server.send(server.request("/api/v1/repos/r/objects/data/" + "0".repeat(64))
                .header("Authorization", "Bearer " + full).PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[777]))
                .build());
        assertThat(put.statusCode()).isEqualTo(201);
        history.sample();
        List<UsageHistory.Sample> samples = history.series(ann, 30);
        assertThat(samples).hasSize(1);
        assertThat(samples.getFirst().storedBytes()).isEqualTo(777);
        assertThat(samples.getFirst().day()).isEqualTo(java.time.LocalDate.now(java.time.ZoneOffset.UTC));
    }

    @Test
    void alertSettingsAreValidated() throws Exception {
        HttpResponse<String> r = server.send(server.request("/api/v1/account/alerts")
                .header("Authorization", "Bearer " + full).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"webhookUrl\":\"ftp://x\",\"webhookSecret\":\"short\","
                        + "\"repeatHours\":-1}")).build());
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("\"field\":\"webhookUrl\"", "\"field\":\"webhookSecret\"",
                "\"field\":\"repeatHours\"");
    }
}
