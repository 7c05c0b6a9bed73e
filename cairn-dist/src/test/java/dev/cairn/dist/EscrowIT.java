package dev.cairn.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.agent.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Escrow end to end (issue 16), with the jar users run ({@code cairn-dist/target/cairn.jar}, beside it the
 * {@code cairn-src.tar.gz} that {@code package} made): a real server exports a workspace with the software, the real
 * agent pulls and decrypts it, and then, in an empty directory holding only that copy, exactly what its ESCROW.md says
 * is run: the checksums, and {@code java -jar software/cairn.jar server --offline --from-copy .}, whose printed admin
 * password signs in to a workspace with the same tables and records (same ids) and serves a table page. A second start
 * on the same data restores nothing and keeps the data. Runs in the failsafe stage of {@code mvn verify}.
 */
class EscrowIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path JAR = Path.of(System.getProperty("cairn.jar", "target/cairn.jar")).toAbsolutePath();
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final String ADMIN_PASSWORD = "escrow test admin password";
    private static final Pattern PRINTED_PASSWORD =
            Pattern.compile("cairn: created the admin account 'admin' with password: (\\S+)");
    private static final List<String> TABLES = List.of("customers", "invoices");

    @TempDir
    Path dir;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void aCopyWithTheSoftwareRunsOfflineInAnEmptyDirectoryAsItsEscrowGuideSays() throws Exception {
        assertThat(JAR).isRegularFile();
        assertThat(JAR.resolveSibling("cairn-src.tar.gz")).isRegularFile();
        int port = freePort();
        URI base = URI.create("http://127.0.0.1:" + port);
        Path data = dir.resolve("server");
        Map<String, JsonNode> original;
        Path pulled;
        try (Server server = Server.start(List.of("-Xmx256m", "-jar", JAR.toString(), "server", "--data-dir",
                data.toString(), "--listen", "127.0.0.1:" + port), dir, Map.of("CAIRN_ADMIN_PASSWORD", ADMIN_PASSWORD),
                dir.resolve("server.log"))) {
            server.awaitReady(http, base);
            String auth = basic(ADMIN_PASSWORD);
            Path key = dir.resolve("key.txt");
            Run keygen = cairn(Map.of(), "export", "keygen", "--output", key.toString());
            assertThat(keygen.code()).as(keygen.err()).isZero();
            send(base, auth, "POST", "/api/v1/workspace/export/recipients", "{\"name\":\"office\",\"recipient\":\""
                    + keygen.out().strip() + "\"}", 201);
            makeData(base, auth);
            original = snapshot(base, auth);

            HttpResponse<String> asked = send(base, auth, "POST", "/api/v1/workspace/exports",
                    "{\"withSoftware\":true}", 202);
            awaitDone(base, auth, JSON.readTree(asked.body()).get("id").asLong());
            Path copies = dir.resolve("copies");
            Run pull = cairn(Map.of("CAIRN_TOKEN", token(data)), "export", "pull",
                    "--server", base.toString(), "--identity", key.toString(), "--to", copies.toString());
            assertThat(pull.code()).as(pull.err()).isZero();
            assertThat(pull.out()).contains("1 export(s) pulled");
            pulled = single(copies);
        }

        Path escrow = Files.createDirectories(dir.resolve("empty"));
        copyTree(pulled, escrow);
        assertThat(escrow.resolve("ESCROW.md")).content(StandardCharsets.UTF_8)
                .contains("sha256sum -c SHA256SUMS", "java -Xmx256m -jar software/cairn.jar server --offline "
                        + "--from-copy .");
        Run sums = run(escrow.resolve("software"), "sha256sum", "-c", "SHA256SUMS");
        assertThat(sums.code()).as(sums.out()).isZero();
        assertThat(sums.out()).contains("cairn.jar: OK", "cairn-src.tar.gz: OK");
        assertThat(escrow.resolve("software/cairn.jar")).hasSameBinaryContentAs(JAR);

        int offlinePort = freePort();
        URI offline = URI.create("http://127.0.0.1:" + offlinePort);
        List<String> guide = List.of("-Xmx256m", "-jar", "software/cairn.jar", "server", "--offline", "--from-copy",
                ".", "--listen", "127.0.0.1:" + offlinePort);
        String password;
        Path firstLog = dir.resolve("offline-1.log");
        try (Server server = Server.start(guide, escrow, Map.of(), firstLog)) {
            server.awaitReady(http, offline);
            String said = Files.readString(firstLog);
            Matcher m = PRINTED_PASSWORD.matcher(said);
            assertThat(m.find()).as(said).isTrue();
            password = m.group(1);
            assertThat(said).contains("cairn: restored the workspace", "into the account 'admin': 2 tables, 5 records");
            assertThat(snapshot(offline, basic(password))).isEqualTo(original);
            assertThat(tablePage(offline, password, "invoices")).contains("Zoë’s café — 東京", "Zoë Ångström");
        }
        assertThat(escrow.resolve("cairn-offline")).isDirectory();

        Path secondLog = dir.resolve("offline-2.log");
        try (Server server = Server.start(guide, escrow, Map.of(), secondLog)) {
            server.awaitReady(http, offline);
            String said = Files.readString(secondLog);
            assertThat(said).contains("cairn: nothing was restored from .", "already holds its data")
                    .doesNotContain("created the admin account");
            assertThat(snapshot(offline, basic(password))).isEqualTo(original);
        }
    }

    @Test
    void fromCopyWithoutOfflineIsRefusedPlainly() throws Exception {
        Run refused = run(dir, JAVA, "-jar", JAR.toString(), "server", "--from-copy", ".", "--data-dir",
                dir.resolve("never").toString());
        assertThat(refused.code()).as(refused.out()).isNotZero();
        assertThat(refused.out()).contains("--from-copy starts an offline server from a copy: add --offline");
        assertThat(dir.resolve("never")).doesNotExist();
    }

    /** Two tables, a reference between them, unicode text and money, one record deleted so the ids have a gap. */
    private void makeData(URI base, String auth) throws Exception {
        send(base, auth, "POST", "/api/v1/workspace/tables", "{\"name\":\"customers\",\"columns\":[{\"name\":\"name\","
                + "\"type\":\"text\"},{\"name\":\"city\",\"type\":\"text\"}]}", 201);
        send(base, auth, "POST", "/api/v1/workspace/tables", "{\"name\":\"invoices\",\"columns\":[{\"name\":\"title\","
                + "\"type\":\"text\"},{\"name\":\"total\",\"type\":\"money\",\"currency\":\"EUR\"},{\"name\":"
                + "\"customer\",\"type\":\"reference\",\"references\":\"customers\"}]}", 201);
        long gone = id(send(base, auth, "POST", "/api/v1/workspace/tables/customers/records",
                "{\"name\":\"to be deleted\",\"city\":\"-\"}", 201));
        long zoe = id(send(base, auth, "POST", "/api/v1/workspace/tables/customers/records",
                "{\"name\":\"Zoë Ångström\",\"city\":\"Zürich\"}", 201));
        long ken = id(send(base, auth, "POST", "/api/v1/workspace/tables/customers/records",
                "{\"name\":\"山田 健\",\"city\":\"東京 🗼\"}", 201));
        send(base, auth, "DELETE", "/api/v1/workspace/tables/customers/records/" + gone, null, 204);
        send(base, auth, "POST", "/api/v1/workspace/tables/invoices/records", "{\"title\":\"Zoë’s café — 東京\","
                + "\"total\":\"1234.50\",\"customer\":" + zoe + "}", 201);
        send(base, auth, "POST", "/api/v1/workspace/tables/invoices/records", "{\"title\":\"\\\"quoted\\\", comma\","
                + "\"total\":\"0.05\",\"customer\":" + ken + "}", 201);
        send(base, auth, "POST", "/api/v1/workspace/tables/invoices/records", "{\"title\":\"no customer\","
                + "\"total\":\"-7.00\"}", 201);
    }

    /** Each table's definition and its records (ids, versions and values), keyed by table name. */
    private Map<String, JsonNode> snapshot(URI base, String auth) throws Exception {
        Map<String, JsonNode> tables = new java.util.TreeMap<>();
        JsonNode list = JSON.readTree(send(base, auth, "GET", "/api/v1/workspace/tables", null, 200).body());
        assertThat(list).extracting(t -> t.get("name").asText()).containsExactlyInAnyOrderElementsOf(TABLES);
        for (String name : TABLES) {
            ObjectNode both = JSON.createObjectNode();
            both.set("table", JSON.readTree(send(base, auth, "GET", "/api/v1/workspace/tables/" + name, null, 200)
                    .body()));
            both.set("records", JSON.readTree(send(base, auth, "GET", "/api/v1/workspace/tables/" + name
                    + "/records?sort=id&limit=100", null, 200).body()).get("records"));
            tables.put(name, both);
        }
        return tables;
    }

    /** Signs in through the web form (double-submit CSRF token, session cookie) and fetches the table's page. */
    private String tablePage(URI base, String password, String table) throws Exception {
        HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(
                new CookieManager()).followRedirects(HttpClient.Redirect.NORMAL).build();
        String form = browser.send(HttpRequest.newBuilder(base.resolve("/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form);
        assertThat(csrf.find()).as(form).isTrue();
        String body = "_csrf=" + csrf.group(1) + "&next=%2F&name=admin&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(base.resolve("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(base.resolve("/web/workspace/admin/tables/"
                + table)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        return page.body();
    }

    private void awaitDone(URI base, String auth, long id) throws Exception {
        for (int i = 0; i < 600; i++) {
            JsonNode list = JSON.readTree(send(base, auth, "GET", "/api/v1/workspace/exports", null, 200).body())
                    .get("exports");
            JsonNode export = list.get(0);
            assertThat(export.get("id").asLong()).isEqualTo(id);
            String status = export.get("status").asText();
            if (status.equals("done")) {
                return;
            }
            assertThat(status).as(export.toString()).isIn("queued", "running");
            Thread.sleep(100);
        }
        throw new AssertionError("export " + id + " did not end within 60 s");
    }

    /** A full-scope token made by {@code cairn server token add} on the running server's data directory. */
    private String token(Path data) throws Exception {
        Run token = run(dir, JAVA, "-jar", JAR.toString(), "server", "token", "add", "admin", "--scope", "full",
                "--name", "escrow-test", "--data-dir", data.toString());
        assertThat(token.code()).as(token.out()).isZero();
        return token.out().strip().lines().reduce((a, b) -> b).orElseThrow().strip();
    }

    private HttpResponse<String> send(URI base, String auth, String method, String path, String json, int expected)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).header("Authorization", auth)
                .timeout(Duration.ofSeconds(30));
        b = json == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("%s %s: %s", method, path, r.body()).isEqualTo(expected);
        return r;
    }

    private static long id(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body()).get("id").asLong();
    }

    private static String basic(String password) {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
    }

    record Run(int code, String out, String err) {
    }

    /** The agent in this JVM (keygen, pull), as a user runs it, with {@code env} as its environment. */
    private Run cairn(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("CAIRN_CACHE_DIR", dir.resolve("cache").toString());
        int code = Cli.run(args, all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs a command in {@code cwd} to its end (2 minutes at most); stdout and stderr together in {@code out}. */
    private Run run(Path cwd, String... command) throws Exception {
        Path out = Files.createTempFile(dir, "run-", ".out");
        Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        return new Run(p.exitValue(), Files.readString(out), "");
    }

    /** A {@code java ARGS} server process, its output in a log file; closing stops it with SIGTERM and waits. */
    private record Server(Process process, Path log) implements AutoCloseable {
        static Server start(List<String> args, Path cwd, Map<String, String> env, Path log) throws IOException {
            List<String> command = new ArrayList<>(List.of(JAVA));
            command.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().remove("CAIRN_ADMIN_PASSWORD");
            pb.environment().putAll(env);
            return new Server(pb.start(), log);
        }

        void awaitReady(HttpClient client, URI base) throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < deadline && process.isAlive()) {
                try {
                    if (client.send(HttpRequest.newBuilder(base.resolve("/readyz")).timeout(Duration.ofSeconds(10))
                            .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(100);
            }
            throw new AssertionError("not ready within 120 s (alive: " + process.isAlive() + "):\n"
                    + Files.readString(log));
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the server stopped after SIGTERM").isTrue();
        }
    }

    private static Path single(Path copies) throws IOException {
        try (Stream<Path> children = Files.list(copies)) {
            List<Path> kept = children.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
            assertThat(kept).hasSize(1);
            return kept.getFirst();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
