package dev.cairn.workspace.api;

import static dev.cairn.workspace.api.Api.json;
import static dev.cairn.workspace.api.WorkspaceApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.protocol.TokenScope;
import dev.cairn.server.TestServer;
import dev.cairn.workspace.WorkspaceFeature;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attachments over the API (issue 15, ADR 29): upload, attach, download byte-exact with safe headers; the size limit
 * and a full quota refuse an upload and keep nothing; another tenant's file can be neither read nor attached; older
 * versions and deleted records keep their files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttachmentApiTest {
    private static final int LIMIT = 64 * 1024;
    @TempDir
    static Path dir;
    TestServer server;
    Api ann;
    Api carol;
    Api bob;

    @BeforeAll
    void start() throws IOException {
        server = TestServer.start(dir, c -> c, List.of(new WorkspaceFeature(LIMIT)));
        for (String name : List.of("ann", "carol", "bob", "full")) {
            server.account(name);
        }
        ann = Api.bearer(server, server.token("ann", TokenScope.FULL));
        carol = Api.bearer(server, server.token("carol", TokenScope.FULL));
        bob = Api.bearer(server, server.token("bob", TokenScope.FULL));
        for (Api who : List.of(ann, carol)) {
            assertThat(who.post("/tables", "{'name': 'docs', 'columns': [{'name': 'title', 'type': 'text'}, "
                    + "{'name': 'file', 'type': 'attachment'}]}").statusCode()).isEqualTo(201);
        }
        var invite = ann.post("/invites", "{'email': 'bob@example.com', 'role': 'viewer'}");
        assertThat(bob.post("/invites/accept", "{'code': '" + json(invite).get("code").asText() + "'}").statusCode())
                .isEqualTo(200);
    }

    @AfterAll
    void stop() throws IOException {
        server.close();
    }

    private HttpResponse<String> upload(Api who, String name, String type, byte[] bytes) {
        return who.send(who.request("/attachments?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    private HttpResponse<byte[]> download(Api who, String id) throws Exception {
        return server.sendBytes(who.request("/attachments/" + id).GET().build());
    }

    private long stored(String account) {
        return server.core().quota().usage(server.core().accounts().find(account).orElseThrow().id()).storedBytes();
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void anUploadIsAttachedAndDownloadedByteExactCountedInTheQuota() throws Exception {
        byte[] pdf = ("%PDF-1.7\n" + new String(random(5000, 1), StandardCharsets.ISO_8859_1))
                .getBytes(StandardCharsets.ISO_8859_1);
        long before = stored("ann");
        var up = upload(ann, "C:\\Users\\ann\\Rechnung März.pdf", "application/octet-stream", pdf);
        assertThat(up.statusCode()).as(up.body()).isEqualTo(201);
        JsonNode file = json(up);
        assertThat(file.get("name").asText()).isEqualTo("Rechnung März.pdf");
        assertThat(file.get("contentType").asText()).as("sniffed over the declared type").isEqualTo("application/pdf");
        assertThat(file.get("bytes").asLong()).isEqualTo(pdf.length);
        assertThat(file.get("sha256").asText()).isEqualTo(sha256(pdf));
        assertThat(stored("ann") - before).isEqualTo(pdf.length);
        assertThat(Files.walk(dir).filter(Files::isRegularFile).anyMatch(p -> p.toString().contains("attachments")))
                .as("the bytes are a file of the attachment store").isTrue();

        String id = file.get("id").asText();
        var created = ann.post("/tables/docs/records", "{'title': 'invoice', 'file': {'id': '" + id + "', 'name': "
                + "'forged.exe', 'bytes': 1}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(created).get("file")).as("the server's description, not the client's").isEqualTo(file);

        var got = download(ann, id);
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).isEqualTo(pdf);
        assertThat(got.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(got.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(got.headers().firstValue("Content-Disposition")).hasValue(
                "attachment; filename=\"Rechnung M_rz.pdf\"; filename*=UTF-8''Rechnung%20M%C3%A4rz.pdf");
        assertThat(download(bob.in("ann"), id).body()).as("a viewer of the workspace reads it").isEqualTo(pdf);
    }

    @Test
    void aFileNameCannotInjectHeaders() throws Exception {
        var up = upload(ann, "evil\"\r\nSet-Cookie: stolen=1;\r\n\r\n<script>.html", "text/html", "<p>hi".getBytes());
        assertThat(up.statusCode()).as(up.body()).isEqualTo(201);
        var got = download(ann, json(up).get("id").asText());
        assertThat(got.headers().map()).doesNotContainKey("set-cookie");
        String disposition = got.headers().firstValue("Content-Disposition").orElseThrow();
        assertThat(disposition).startsWith("attachment; ").doesNotContain("\r", "\n").contains("filename=\"evilSet-Cookie");
        assertThat(disposition.chars().filter(ch -> ch == '"').count()).isEqualTo(2);
        assertThat(got.headers().firstValue("Content-Type")).hasValue("text/html");
        assertThat(got.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("sandbox"));
    }

    @Test
    void anotherTenantsFileCanBeNeitherReadNorAttached() throws Exception {
        byte[] secret = random(3000, 2);
        String theirs = json(upload(carol, "payroll.xlsx", "application/octet-stream", secret)).get("id").asText();
        var read = download(ann, theirs);
        assertThat(read.statusCode()).isEqualTo(404);
        assertThat(new String(read.body(), StandardCharsets.ISO_8859_1)).doesNotContain(new String(secret, 0, 64,
                StandardCharsets.ISO_8859_1));
        var attach = ann.post("/tables/docs/records", "{'title': 'steal', 'file': {'id': '" + theirs + "'}}");
        assertProblem(attach, 422, "validation-failed");
        assertThat(json(attach).get("errors").get(0).get("field").asText()).isEqualTo("file");
        assertThat(json(ann.get("/tables/docs/records?filter=title:eq:steal")).get("records")).isEmpty();
        assertThat(download(bob.in("carol"), theirs).statusCode()).as("bob is no member of carol's").isEqualTo(404);
        assertThat(download(ann, "not-an-id").statusCode()).isEqualTo(404);
        assertThat(download(carol, theirs).body()).isEqualTo(secret);
    }

    @Test
    void anUploadOverTheLimitIsRefusedAndNothingIsKept() throws Exception {
        long before = stored("ann");
        int rows = rowsOfAttachments();
        var up = upload(ann, "big.bin", "application/octet-stream", random(LIMIT + 1, 3));
        assertProblem(up, 413, "too-large");
        assertThat(json(up).get("detail").asText()).contains("64 KiB", "limited");
        assertThat(stored("ann")).isEqualTo(before);
        assertThat(rowsOfAttachments()).isEqualTo(rows);
        assertThat(upload(ann, "edge.bin", "application/octet-stream", random(LIMIT, 4)).statusCode())
                .as("exactly the limit is fine").isEqualTo(201);
    }

    @Test
    void aFullQuotaRefusesTheUploadWithTheQuotaProblemAndLosesNothing() throws Exception {
        Api full = Api.bearer(server, server.token("full", TokenScope.FULL));
        assertThat(full.post("/tables", "{'name': 'docs', 'columns': [{'name': 'file', 'type': 'attachment'}]}")
                .statusCode()).isEqualTo(201);
        String id = json(upload(full, "a.txt", "text/plain", random(1000, 5))).get("id").asText();
        long record = json(full.post("/tables/docs/records", "{'file': '" + id + "'}")).get("id").asLong();
        server.core().accounts().setQuota("full", stored("full") + 500);
        var refused = upload(full, "b.txt", "text/plain", random(1000, 6));
        assertProblem(refused, 507, "quota-exceeded");
        assertThat(server.core().quota().usage(server.core().accounts().find("full").orElseThrow().id())
                .reservedBytes()).as("the reservation went back").isZero();
        assertThat(json(full.get("/tables/docs/records/" + record)).get("file").get("id").asText()).isEqualTo(id);
        assertThat(download(full, id).body()).hasSize(1000);
    }

    @Test
    void olderVersionsAndDeletedRecordsKeepTheirFiles() throws Exception {
        byte[] first = random(2000, 7);
        byte[] second = random(2100, 8);
        String a = json(upload(ann, "v1.bin", "application/octet-stream", first)).get("id").asText();
        String b = json(upload(ann, "v2.bin", "application/octet-stream", second)).get("id").asText();
        long id = json(ann.post("/tables/docs/records", "{'title': 'versions', 'file': {'id': '" + a + "'}}"))
                .get("id").asLong();
        var updated = ann.patch("/tables/docs/records/" + id, "{'file': {'id': '" + b + "'}}", "If-Match", "\"1\"");
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        var history = json(ann.get("/tables/docs/records/" + id + "/history"));
        assertThat(history.get(1).get("old").get("file").get("id").asText()).isEqualTo(a);
        assertThat(history.get(1).get("new").get("file").get("name").asText()).isEqualTo("v2.bin");
        assertThat(ann.delete("/tables/docs/records/" + id).statusCode()).isEqualTo(204);
        assertThat(download(ann, a).body()).isEqualTo(first);
        assertThat(download(ann, b).body()).isEqualTo(second);
        var restored = ann.post("/tables/docs/records/" + id + "/restore", "");
        assertThat(json(restored).get("file").get("sha256").asText()).isEqualTo(sha256(second));
    }

    @Test
    void attachmentColumnsHaveNoDefaultAndAreNeverUnique() {
        var r = ann.post("/tables", "{'name': 'bad', 'columns': [{'name': 'f', 'type': 'attachment', 'unique': true}, "
                + "{'name': 'g', 'type': 'attachment', 'default': 'x'}]}");
        assertProblem(r, 422, "validation-failed");
        assertThat(r.body()).contains("cannot be unique", "have no default");
        assertProblem(ann.get("/tables/docs/records?filter=file:eq:x"), 422, "validation-failed");
        assertThat(ann.get("/tables/docs/records?filter=file:notempty").statusCode()).isEqualTo(200);
    }

    @Test
    void anImportCannotFeedAnAttachmentColumn() {
        var r = ann.send(ann.request("/tables/docs/import").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("title,file\nx,0123456789abcdef0123456789abcdef\n")));
        assertProblem(r, 422, "validation-failed");
        assertThat(r.body()).contains("an attachment column", "map=file:");
        var skipped = ann.send(ann.request("/tables/docs/import?map=file:").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("title,file\nimported,whatever\n")));
        assertThat(skipped.statusCode()).as(skipped.body()).isEqualTo(201);
    }

    private int rowsOfAttachments() {
        return server.core().database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM ws_attachments")
                .mapTo(Integer.class).one());
    }
}
