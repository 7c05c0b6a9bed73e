package dev.cairn.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.server.TestServer;
import dev.cairn.server.db.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A data directory written by the code before the workspace left cairn-server (fixtures in
 * {@code src/test/resources/upgrade}, made by {@code make-fixture.sh} at d5b4985) starts on today's code with no manual
 * step and every piece of data intact: accounts and passwords, tokens, stored objects, the workspace's tables, records
 * with their history, a deleted record that can still be restored, a report, a share link and a member; and the
 * workspace keeps working. On SQLite (the data directory as it was) and PostgreSQL (a PostgreSQL 15 dump restored into
 * the test's PostgreSQL 18, with its store).
 */
@ParameterizedClass(name = "on {0}")
@ValueSource(strings = {"sqlite", "postgres"})
class UpgradeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameter
    String dialect;

    @TempDir
    Path dir;

    @Test
    void aDataDirectoryOfTheCodeBeforeTheSplitStartsWithAllItsData() throws Exception {
        Properties facts = facts();
        try (TestServer server = start()) {
            Api ann = new Api(server, facts.getProperty("annToken"));
            var login = server.send(server.request("/api/v1/session").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"ann\",\"password\":\"ann-password-1\"}"))
                    .build());
            assertThat(login.statusCode()).as("ann's password").isEqualTo(200);
            assertThat(ann.json("/api/v1/account").get("name").asText()).isEqualTo("ann");

            var object = ann.get("/api/v1/repos/laptop/objects/data/" + facts.getProperty("objectId"));
            assertThat(object.body()).isEqualTo("an encrypted pack, as far as the server knows");

            String customers = "/api/v1/workspace/tables/customers/records";
            JsonNode acme = ann.json(customers + "/" + facts.getProperty("acme"));
            assertThat(acme.get("name").asText()).isEqualTo("Acme Ltd");
            JsonNode history = ann.json(customers + "/" + facts.getProperty("acme") + "/history");
            assertThat(history.toString()).contains("Acme Ltd", "Acme");
            assertThat(ann.json("/api/v1/workspace/tables/customers/deleted").toString()).contains("Beta");
            var restored = ann.post(customers + "/" + facts.getProperty("beta") + "/restore", "{}");
            assertThat(restored.statusCode()).as(restored.body()).isEqualTo(200);
            assertThat(ann.json(customers).get("records")).hasSize(2);

            var report = ann.get("/api/v1/workspace/reports/" + facts.getProperty("report") + "/result?format=csv");
            assertThat(report.body()).contains("Acme Ltd", "Beta");
            var share = server.send(server.request("/share/" + facts.getProperty("shareToken") + "?format=csv")
                    .build());
            assertThat(share.statusCode()).isEqualTo(200);
            assertThat(share.body()).contains("Acme Ltd");

            var byBob = server.send(server.request(customers).header("Authorization", "Bearer "
                    + facts.getProperty("bobToken")).header("X-Cairn-Workspace", "ann")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Gamma\"}")).build());
            assertThat(byBob.statusCode()).as("bob is still an editor of ann's workspace: " + byBob.body())
                    .isEqualTo(201);
            var newTable = ann.post("/api/v1/workspace/tables", "{\"name\":\"notes\",\"columns\":[{\"name\":\"text\","
                    + "\"type\":\"text\"}]}");
            assertThat(newTable.statusCode()).as(newTable.body()).isEqualTo(201);
        }
    }

    private Properties facts() throws IOException {
        Properties facts = new Properties();
        try (InputStream in = resource(dialect + ".facts.properties")) {
            facts.load(in);
        }
        return facts;
    }

    private TestServer start() throws Exception {
        Path data = dir.resolve("data");
        if (dialect.equals("sqlite")) {
            copyTree(fixture("sqlite"), data);
            return WorkspaceServer.start(data);
        }
        copyTree(fixture("postgres"), data);
        String url = TestDatabases.postgresUrl();
        restore(url, new String(resource("postgres.sql").readAllBytes(), StandardCharsets.UTF_8));
        return WorkspaceServer.start(data, c -> c.withStorage(url, data.resolve("store").toString()));
    }

    /** Runs a plain pg_dump script (psql meta-commands such as {@code \restrict} left out) in the database at {@code url}. */
    private static void restore(String url, String dump) throws Exception {
        String sql = dump.lines().filter(l -> !l.startsWith("\\")).collect(Collectors.joining("\n"));
        String jdbc = url.replaceFirst("^postgresql://postgres:postgres@", "jdbc:postgresql://");
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "postgres"); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static Path fixture(String name) throws Exception {
        return Path.of(UpgradeTest.class.getResource("/upgrade/" + name).toURI());
    }

    private static InputStream resource(String name) {
        InputStream in = UpgradeTest.class.getResourceAsStream("/upgrade/" + name);
        assertThat(in).as("fixture " + name).isNotNull();
        return in;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Bearer-token calls to the API. */
    private record Api(TestServer server, String token) {
        HttpResponse<String> get(String path) throws Exception {
            return server.send(server.request(path).header("Authorization", "Bearer " + token).build());
        }

        JsonNode json(String path) throws Exception {
            var r = get(path);
            assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
            return JSON.readTree(r.body());
        }

        HttpResponse<String> post(String path, String body) throws Exception {
            return server.send(server.request(path).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        }
    }
}
