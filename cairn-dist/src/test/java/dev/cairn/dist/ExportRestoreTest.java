package dev.cairn.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.agent.cli.Cli;
import dev.cairn.protocol.TokenScope;
import dev.cairn.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cairn export restore} against real servers: the encrypted bundle decrypted on this side with the identity, the
 * diff shown per table, a dry run that changes nothing, the restore that makes the workspace the copy again, the same
 * copy restored into a fresh server and a new account with the same table and record ids (and references still
 * pointing at the same rows, an attached file with its upload id and bytes), and a tampered bundle or a read-only
 * token refused with nothing changed.
 */
class ExportRestoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    TestServer server;
    String token;
    Path key;
    Path bundle;
    final List<TestServer> others = new ArrayList<>();
    /** The attached file: every byte value, so a text decoding anywhere on the way would show. */
    static final byte[] FILE = new byte[256];
    String fileId;

    static {
        for (int i = 0; i < FILE.length; i++) {
            FILE[i] = (byte) i;
        }
    }

    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(dir.resolve("server"), c -> c, ServerLauncher.FEATURES);
        server.account("ann");
        token = server.token("ann", TokenScope.FULL);
        key = dir.resolve("key.txt");
        String recipient = cairn(token, "export", "keygen", "--output", key.toString()).out().strip();
        post(server, token, "/api/v1/workspace/export/recipients", "{\"name\":\"office\",\"recipient\":\""
                + recipient + "\"}");
        post(server, token, "/api/v1/workspace/tables", "{\"name\":\"people\",\"columns\":[{\"name\":\"name\","
                + "\"type\":\"text\"}]}");
        post(server, token, "/api/v1/workspace/tables", "{\"name\":\"notes\",\"columns\":[{\"name\":\"text\","
                + "\"type\":\"text\"},{\"name\":\"who\",\"type\":\"reference\",\"references\":\"people\"}]}");
        post(server, token, "/api/v1/workspace/tables/people/records", "{\"name\":\"first, to be deleted\"}");
        long ada = JSON.readTree(post(server, token, "/api/v1/workspace/tables/people/records",
                "{\"name\":\"Ada\"}")).get("id").asLong();
        delete(server, token, "/api/v1/workspace/tables/people/records/1");
        post(server, token, "/api/v1/workspace/tables/notes/records", "{\"text\":\"Grüße, \\\"quoted\\\"\","
                + "\"who\":" + ada + "}");
        post(server, token, "/api/v1/workspace/tables", "{\"name\":\"files\",\"columns\":[{\"name\":\"doc\","
                + "\"type\":\"attachment\"}]}");
        HttpResponse<String> upload = server.send(server.request("/api/v1/workspace/attachments?name=b.bin")
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(FILE)).build());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        fileId = JSON.readTree(upload.body()).get("id").asText();
        post(server, token, "/api/v1/workspace/tables/files/records", "{\"doc\":\"" + fileId + "\"}");
        bundle = dir.resolve("export.age");
        Files.write(bundle, download(export()));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        for (TestServer s : others) {
            s.close();
        }
    }

    @Test
    void aDryRunShowsTheDiffThenTheRestoreMakesTheWorkspaceTheCopyAgain() throws Exception {
        post(server, token, "/api/v1/workspace/tables/notes/records", "{\"text\":\"written after the export\"}");
        Run dry = restore(server, token, "--dry-run");
        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("read from jsonl", "table notes (same): 0 added, 0 changed, 1 deleted, "
                + "1 unchanged", "dry run: nothing was changed");
        assertThat(texts(server, token)).containsExactly("Grüße, \"quoted\"", "written after the export");

        Run run = restore(server, token);
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("restored: the workspace is now at change");
        assertThat(texts(server, token)).containsExactly("Grüße, \"quoted\"");
        assertThat(restore(server, token, "--dry-run").out()).contains("table notes (same): 0 added, 0 changed, "
                + "0 deleted, 1 unchanged");
    }

    @Test
    void intoAFreshServerAndANewAccountTheIdsStayTheSame() throws Exception {
        TestServer fresh = TestServer.start(dir.resolve("fresh"), c -> c, ServerLauncher.FEATURES);
        others.add(fresh);
        fresh.account("bob");
        String bobs = fresh.token("bob", TokenScope.FULL);
        String signingKey = JSON.readTree(server.send(server.request("/api/v1/export/signing-key").build()).body())
                .get("publicKey").asText();

        Run refused = restore(fresh, bobs, "--signing-key", signingKey);
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("this is a copy of workspace", "--other-workspace");
        Run run = restore(fresh, bobs, "--signing-key", signingKey, "--other-workspace", "--format", "sqlite");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("table people (added): 1 added", "read from sqlite");

        assertThat(records(fresh, bobs, "people")).isEqualTo(records(server, token, "people"));
        assertThat(records(fresh, bobs, "notes")).isEqualTo(records(server, token, "notes"));
        assertThat(tables(fresh, bobs)).isEqualTo(tables(server, token));
        assertThat(records(fresh, bobs, "files")).as("the file keeps its upload id").isEqualTo(records(server,
                token, "files")).hasSize(1);
        assertThat(fresh.sendBytes(fresh.request("/api/v1/workspace/attachments/" + fileId)
                .header("Authorization", "Bearer " + bobs).build()).body()).isEqualTo(FILE);
        assertThat(run.out()).contains("table files (added): 1 added");
        assertThat(restore(fresh, bobs, "--signing-key", signingKey, "--other-workspace", "--dry-run").out())
                .contains("table files (same): 0 added, 0 changed, 0 deleted, 1 unchanged");
    }

    @Test
    void aTamperedBundleAndAReadOnlyTokenChangeNothing() throws Exception {
        post(server, token, "/api/v1/workspace/tables/notes/records", "{\"text\":\"kept\"}");
        Run read = restore(server, server.token("ann", TokenScope.READ));
        assertThat(read.code()).isEqualTo(2);
        assertThat(read.err()).contains("403");

        byte[] bytes = Files.readAllBytes(bundle);
        bytes[bytes.length / 2] ^= 1;
        Files.write(bundle, bytes);
        Run tampered = restore(server, token);
        assertThat(tampered.code()).isEqualTo(13);
        assertThat(tampered.err()).contains("cannot decrypt and unpack");
        assertThat(texts(server, token)).containsExactly("Grüße, \"quoted\"", "kept");
    }

    private Run restore(TestServer s, String bearer, String... more) {
        List<String> args = new ArrayList<>(List.of("export", "restore", bundle.toString(), "--server",
                s.uri("").toString(), "--identity", key.toString()));
        args.addAll(List.of(more));
        return cairn(bearer, args.toArray(String[]::new));
    }

    private static Run cairn(String bearer, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(args, Map.of("CAIRN_TOKEN", bearer), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static List<String> texts(TestServer s, String bearer) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode r : get(s, bearer, "/api/v1/workspace/tables/notes/records?sort=id").get("records")) {
            out.add(r.get("text").asText());
        }
        return out;
    }

    /** Each record's id, version and fields. */
    private static List<String> records(TestServer s, String bearer, String table) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode r : get(s, bearer, "/api/v1/workspace/tables/" + table + "/records?sort=id").get("records")) {
            out.add(r.toString());
        }
        return out;
    }

    private static String tables(TestServer s, String bearer) throws Exception {
        return get(s, bearer, "/api/v1/workspace/tables").toString();
    }

    private long export() throws Exception {
        long id = JSON.readTree(post(server, token, "/api/v1/workspace/exports",
                "{\"formats\":[\"csv\",\"jsonl\",\"sqlite\"]}")).get("id").asLong();
        for (int i = 0; i < 6000; i++) {
            JsonNode list = get(server, token, "/api/v1/workspace/exports").get("exports");
            String status = list.get(0).get("status").asText();
            if (status.equals("done")) {
                return id;
            }
            assertThat(status).as(list.toString()).isIn("queued", "running");
            Thread.sleep(20);
        }
        throw new AssertionError("the export did not end");
    }

    private byte[] download(long id) throws Exception {
        return server.sendBytes(server.request("/api/v1/workspace/exports/" + id)
                .header("Authorization", "Bearer " + token).build()).body();
    }

    private static JsonNode get(TestServer s, String bearer, String path) throws Exception {
        HttpResponse<String> r = s.send(s.request(path).header("Authorization", "Bearer " + bearer).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static String post(TestServer s, String bearer, String path, String body) throws Exception {
        HttpResponse<String> r = s.send(s.request(path).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + bearer).POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
        return r.body();
    }

    private static void delete(TestServer s, String bearer, String path) throws Exception {
        HttpResponse<String> r = s.send(s.request(path).header("Authorization", "Bearer " + bearer)
                .header("If-Match", "\"1\"").DELETE().build());
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
    }
}
