package dev.cairn.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.agent.cli.EmbeddedDaemon;
import dev.cairn.agent.daemon.Daemon;
import dev.cairn.agent.daemon.SetState;
import dev.cairn.agent.daemon.StateFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon as {@code cairn daemon} builds it (the CLI's repository opener, token lookup and HTTP report sender), run
 * in-process on the test's mutable clock against a real cairn server: an {@code export-pull} job pulls the workspace's
 * exports on its schedule; a backup while the server is down is recorded as failed locally and reported when it is back;
 * a device signed out on the server fails its runs, keeps its reports, raises the owner's alert, and delivers the reports
 * once it is signed in again.
 */
class DaemonOnServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path tmp;
    RemoteFixture f;
    final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        f = new RemoteFixture(tmp);
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    private Daemon daemon(String yaml) throws Exception {
        return daemon(yaml, f.clock.withZone(java.time.ZoneOffset.UTC));
    }

    private Daemon daemon(String yaml, java.time.Clock clock) throws Exception {
        Path config = Files.writeString(tmp.resolve("daemon.yaml"), yaml);
        return Daemon.start(EmbeddedDaemon.options(f.env, new PrintStream(log, true, StandardCharsets.UTF_8), config,
                tmp.resolve("state"), clock));
    }

    /**
     * A set's {@code bandwidth} paces its backup's uploads to the server, its check's reads, and its export pulls'
     * downloads. The daemon runs on the system clock here, so each run report's start and end are real times; pacing
     * never lets N bytes through faster than N / rate (each slice waits for its slot), so the lower bounds below hold
     * however slow or loaded the machine is, and an unpaced run (well under a second for these sizes) fails them.
     */
    @Test
    void aSetsBandwidthLimitsPaceItsBackupItsCheckAndItsExportPulls() throws Exception {
        f.ok("init", "-r", f.repo("laptop"));
        Path src = Files.createDirectories(tmp.resolve("src"));
        byte[] noise = new byte[640 * 1024];
        new java.util.Random(17).nextBytes(noise); // incompressible: what is stored is at least this much
        Files.write(src.resolve("noise.bin"), noise);
        Path key = tmp.resolve("age.key");
        String recipient = f.ok("export", "keygen", "--output", key.toString()).out().strip();
        post("/api/v1/workspace/export/recipients", "{\"name\":\"office\",\"recipient\":\"" + recipient + "\"}");
        post("/api/v1/workspace/tables", "{\"name\":\"notes\",\"columns\":[{\"name\":\"text\",\"type\":\"text\"}]}");
        post("/api/v1/workspace/tables/notes/records", "{\"text\":\"a note to pull slowly\"}");
        export();
        long bundle = JSON.readTree(get("/api/v1/workspace/exports")).get("exports").get(0).get("bytes").asLong();
        long exportRate = Math.max(1, bundle * 2 / 3); // 1.5 s for the bundle
        try (Daemon d = daemon("sets:\n  home:\n    repository: " + f.repo("laptop") + "\n    sources: [" + src
                + "]\n    schedule: every 1h\n    check: {every: 1d, read-data-subset: 100%}\n"
                + "    bandwidth: {upload: 256KiB, download: 512KiB}\n"
                + "  onsite:\n    schedule: every 1d\n    bandwidth: {download: " + exportRate + "}\n    export-pull:\n"
                + "      - {server: " + f.server() + ", identity: " + key + ", to-dir: " + tmp.resolve("onsite") + "}\n",
                java.time.Clock.systemUTC())) {
            stepAndSettle(d);
        }
        await(() -> runs("backup").size() == 1 && runs("check").size() == 1 && runs("export-pull").size() == 1);
        JsonNode backup = runs("backup").get(0);
        assertThat(backup.path("status").asText()).as("log: %s", log).isEqualTo("success");
        assertThat(backup.path("bytesStored").asLong()).isGreaterThanOrEqualTo(noise.length);
        assertThat(seconds(backup)).as("%d bytes up at 256 KiB/s", backup.path("bytesStored").asLong())
                .isGreaterThanOrEqualTo(backup.path("bytesStored").asLong() / (256.0 * 1024));
        JsonNode check = runs("check").get(0);
        assertThat(check.path("status").asText()).isEqualTo("success");
        assertThat(seconds(check)).as("the check read every pack (%d bytes) at 512 KiB/s", noise.length)
                .isGreaterThanOrEqualTo(noise.length / (512.0 * 1024));
        JsonNode pull = runs("export-pull").get(0);
        assertThat(pull.path("status").asText()).as("log: %s", log).isEqualTo("success");
        assertThat(seconds(pull)).as("%d bytes down at %d bytes/s", bundle, exportRate).isGreaterThanOrEqualTo(1.5 - 0.001);
    }

    private static double seconds(JsonNode run) {
        return Duration.between(java.time.Instant.parse(run.path("startedAt").asText()),
                java.time.Instant.parse(run.path("endedAt").asText())).toNanos() / 1e9;
    }

    @Test
    void anExportPullJobPullsTheWorkspacesExportsOnItsSchedule() throws Exception {
        Path key = tmp.resolve("age.key");
        String recipient = f.ok("export", "keygen", "--output", key.toString()).out().strip();
        post("/api/v1/workspace/export/recipients", "{\"name\":\"office\",\"recipient\":\"" + recipient + "\"}");
        post("/api/v1/workspace/tables", "{\"name\":\"notes\",\"columns\":[{\"name\":\"text\",\"type\":\"text\"}]}");
        post("/api/v1/workspace/tables/notes/records", "{\"text\":\"first note\"}");
        long first = export();
        Path copy = tmp.resolve("onsite");
        try (Daemon d = daemon("sets:\n  onsite:\n    schedule: every 1d\n    export-pull:\n      - {server: " + f.server()
                + ", identity: " + key + ", to-dir: " + copy + "}\n")) {
            stepAndSettle(d);
            assertThat(exportDirs(copy)).as("log: %s", log).singleElement().asString().endsWith("-export-" + first);

            post("/api/v1/workspace/tables/notes/records", "{\"text\":\"second note\"}");
            long second = export();
            f.clock.advance(Duration.ofHours(23));
            stepAndSettle(d);
            assertThat(exportDirs(copy)).as("not due before a day has passed").hasSize(1);
            f.clock.advance(Duration.ofHours(1));
            stepAndSettle(d);
            assertThat(exportDirs(copy)).hasSize(2).last().asString().endsWith("-export-" + second);
            Path kept = copy.resolve(exportDirs(copy).get(1));
            try (Stream<Path> files = Files.walk(kept)) {
                assertThat(files.filter(p -> p.getFileName().toString().equals("notes.csv")).findFirst().map(DaemonOnServerTest::read))
                        .hasValueSatisfying(csv -> assertThat(csv).contains("first note", "second note"));
            }
        }
        List<JsonNode> pulls = runs("export-pull");
        assertThat(pulls).as("reported to the export's server").hasSize(2)
                .allSatisfy(r -> assertThat(r.path("status").asText()).isEqualTo("success"));
        assertThat(pulls.get(0).path("repository").asText()).isEqualTo(copy.toString());
    }

    @Test
    void aBackupWhileTheServerIsDownFailsLocallyAndIsReportedWhenTheServerIsBack() throws Exception {
        f.ok("init", "-r", f.repo("laptop"));
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("a.txt"), "first");
        try (Daemon d = daemon("state-dir: " + tmp.resolve("state") + "\nsets:\n  home:\n    repository: " + f.repo("laptop")
                + "\n    sources: [" + src + "]\n    schedule: every 1h\n")) {
            stepAndSettle(d);
            assertThat(runs("backup")).as("log: %s", log).singleElement().satisfies(r -> assertThat(r.path("status").asText()).isEqualTo("success"));

            f.whileServerIsDown(() -> {
                f.clock.advance(Duration.ofHours(1));
                stepAndSettle(d);
                SetState s = new StateFile(tmp.resolve("state")).load().get("home");
                assertThat(s.result()).as("log: %s", log).isEqualTo("failed");
                assertThat(s.message()).isNotBlank();
                assertThat(s.nextRun()).as("retried at the next slot").isEqualTo(s.lastStart().plus(Duration.ofHours(1)));
                try (Stream<Path> outbox = Files.list(tmp.resolve("state").resolve("outbox"))) {
                    assertThat(outbox.filter(p -> p.toString().endsWith(".json"))).as("the report waits").hasSize(1);
                }
            });
            f.clock.advance(Duration.ofMinutes(1)); // the outbox is tried every minute
            d.step();
            await(() -> runs("backup").size() == 2);
            JsonNode failed = runs("backup").get(0);
            assertThat(failed.path("status").asText()).isEqualTo("failed");
            assertThat(failed.path("errors").get(0).asText()).isEqualTo(new StateFile(tmp.resolve("state")).load().get("home").message());

            f.clock.advance(Duration.ofMinutes(59)); // the next slot: the failed run is retried there, and succeeds
            stepAndSettle(d);
            assertThat(new StateFile(tmp.resolve("state")).load().get("home").result()).as("log: %s", log).isEqualTo("success");
            await(() -> runs("backup").size() == 3);
        }
    }

    @Test
    void aSignedOutDeviceAlertsTheOwnerAndItsReportsArriveAfterItSignsInAgain() throws Exception {
        f.ok("init", "-r", f.repo("laptop"));
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("a.txt"), "first");
        var device = f.server.core().devices().signIn(f.accountId, "laptop-7", dev.cairn.protocol.TokenScope.APPEND);
        Path tokenFile = Files.writeString(tmp.resolve("device.token"), device.token().token());
        try (Daemon d = daemon("sets:\n  home:\n    repository: " + f.repo("laptop") + "\n    token-file: " + tokenFile
                + "\n    sources: [" + src + "]\n    schedule: every 1h\n")) {
            stepAndSettle(d);
            assertThat(runs("backup")).as("log: %s", log).singleElement()
                    .satisfies(r -> assertThat(r.path("device").asText()).isEqualTo("laptop-7"));

            f.server.core().devices().revoke(f.accountId, device.token().id());
            f.clock.advance(Duration.ofHours(1));
            stepAndSettle(d);
            assertThat(new StateFile(tmp.resolve("state")).load().get("home").result()).isEqualTo("failed");
            try (Stream<Path> outbox = Files.list(tmp.resolve("state").resolve("outbox"))) {
                assertThat(outbox.filter(p -> p.toString().endsWith(".json"))).as("kept, not dropped").hasSize(1);
            }
            JsonNode open = JSON.readTree(get("/api/v1/account/alerts")).path("open");
            assertThat(open).as("%s", open).anySatisfy(i -> {
                assertThat(i.path("kind").asText()).isEqualTo("device-signed-out");
                assertThat(i.path("device").asText()).isEqualTo("laptop-7");
            });

            var again = f.server.core().devices().signIn(f.accountId, "laptop-7", dev.cairn.protocol.TokenScope.APPEND);
            Files.writeString(tokenFile, again.token().token());
            f.clock.advance(Duration.ofHours(1));
            stepAndSettle(d);
            await(() -> runs("backup").size() == 3);
            assertThat(runs("backup")).extracting(r -> r.path("status").asText()).containsExactly("success", "failed", "success");
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void stepAndSettle(Daemon d) throws Exception {
        d.step();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!d.idle() && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(d.idle()).as("the run ended").isTrue();
    }

    private static void await(BooleanSupplier condition) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }

    private List<JsonNode> runs(String kind) {
        try {
            List<JsonNode> list = new java.util.ArrayList<>();
            f.runs().forEach(r -> {
                if (r.path("kind").asText().equals(kind)) {
                    list.add(r);
                }
            });
            return list;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> exportDirs(Path copy) throws Exception {
        if (!Files.isDirectory(copy)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(copy)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.contains("-export-")).sorted().toList();
        }
    }

    private long export() throws Exception {
        long id = JSON.readTree(post("/api/v1/workspace/exports", "{\"formats\":[\"csv\"]}")).get("id").asLong();
        for (int i = 0; i < 3000; i++) {
            JsonNode list = JSON.readTree(get("/api/v1/workspace/exports")).get("exports");
            if (list.get(0).get("status").asText().equals("done")) {
                return id;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the export did not end");
    }

    private String post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(f.server() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private String get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(f.server() + path)));
    }

    private String send(HttpRequest.Builder request) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> r = client.send(request.header("Authorization", "Bearer " + f.fullToken).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
            return r.body();
        }
    }
}
