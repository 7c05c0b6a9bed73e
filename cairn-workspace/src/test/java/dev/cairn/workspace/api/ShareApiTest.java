package dev.cairn.workspace.api;

import static dev.cairn.workspace.api.Api.json;
import static dev.cairn.workspace.api.WorkspaceApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.protocol.TokenScope;
import dev.cairn.server.LogCapture;
import dev.cairn.server.TestServer;
import dev.cairn.server.db.TestDatabases;
import dev.cairn.workspace.WorkspaceServer;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;

/**
 * Share links over HTTP on both databases: roles by attack (viewers, read tokens, editors, other tenants), the public
 * page (only the link's rows, escaped, privacy headers, CSV and PDF), unknown, revoked and deleted links, the
 * passphrase form with its CSRF check and unlock cookie, the access log, and report PDFs through the API.
 */
class ShareApiTest {
    private static final Pattern URL = Pattern.compile("http://127\\.0\\.0\\.1:\\d+/share/([A-Za-z0-9_-]{43})");

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnSqlite extends Suite {
        @BeforeAll
        void start() throws IOException {
            startServer(null);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnPostgres extends Suite {
        @BeforeAll
        void start() throws IOException {
            startServer(TestDatabases.postgresUrl());
        }
    }

    abstract static class Suite {
        TestServer server;
        Api ann;
        Api bob;
        Api eve;
        Api carol;
        long report;
        long acme;

        void startServer(String postgres) throws IOException {
            Path dir = dev.cairn.testkit.Directories.deleteAtExit(Files.createTempDirectory("cairn-share-api"));
            server = postgres == null ? WorkspaceServer.start(dir) : WorkspaceServer.start(dir,
                    c -> c.withStorage(postgres, dir.resolve("store").toString()));
            for (String name : List.of("ann", "bob", "eve", "carol")) {
                server.account(name);
            }
            ann = Api.bearer(server, server.token("ann", TokenScope.FULL));
            bob = Api.bearer(server, server.token("bob", TokenScope.FULL));
            eve = Api.bearer(server, server.token("eve", TokenScope.FULL));
            carol = Api.bearer(server, server.token("carol", TokenScope.FULL));
            join(bob, "bob@example.com", "viewer");
            join(eve, "eve@example.com", "editor");
            created(ann.post("/tables", "{'name': 'customers', 'columns': [{'name': 'name', 'type': 'text'}]}"));
            created(ann.post("/tables", "{'name': 'orders', 'columns': [{'name': 'customer', 'type': 'reference', "
                    + "'references': 'customers'}, {'name': 'item', 'type': 'text'}, {'name': 'total', 'type': "
                    + "'money'}]}"));
            acme = created(ann.post("/tables/customers/records", "{'name': 'Acme'}")).get("id").asLong();
            long beta = created(ann.post("/tables/customers/records", "{'name': 'Beta'}")).get("id").asLong();
            order(acme, "anvil", "10.00");
            order(acme, "<script>alert(1)</script>", "20.50");
            order(beta, "rope", "7.25");
            report = created(ann.post("/reports", "{'name': 'Orders', 'table': 'orders', 'columns': "
                    + "['customer.name', 'item', 'total']}")).get("id").asLong();
        }

        private void join(Api who, String email, String role) {
            var invite = created(ann.post("/invites", "{'email': '" + email + "', 'role': '" + role + "'}"));
            assertThat(who.post("/invites/accept", "{'code': '" + invite.get("code").asText() + "'}").statusCode())
                    .isEqualTo(200);
        }

        private void order(long customer, String item, String amount) {
            created(ann.post("/tables/orders/records", "{\"customer\": " + customer + ", \"item\": \"" + item
                    + "\", \"total\": {\"amount\": \"" + amount + "\", \"currency\": \"EUR\"}}"));
        }

        private static JsonNode created(HttpResponse<String> r) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            return json(r);
        }

        @AfterAll
        void stop() throws IOException {
            server.close();
        }

        /** Creates a link as ann; returns the create response. */
        JsonNode share(String extraJson) {
            return created(ann.post("/shares", "{'report': " + report + extraJson + "}"));
        }

        static String token(JsonNode created) {
            Matcher m = URL.matcher(created.get("url").asText());
            assertThat(m.matches()).as(created.get("url").asText()).isTrue();
            assertThat(created.get("token").asText()).isEqualTo(m.group(1));
            return m.group(1);
        }

        HttpResponse<String> page(String token, String query, String... headers) throws Exception {
            var r = server.request("/share/" + token + query).header("Accept", "text/html");
            for (int i = 0; i < headers.length; i += 2) {
                r.header(headers[i], headers[i + 1]);
            }
            return server.send(r.build());
        }

        static void assertPrivate(HttpResponse<?> r) {
            assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(r.headers().firstValue("X-Robots-Tag")).hasValueSatisfying(v -> assertThat(v)
                    .contains("noindex"));
        }

        @Test
        void everyShareRouteEnforcesItsRole() {
            JsonNode made = share("");
            String token = token(made);
            long id = made.get("share").get("id").asLong();
            assertThat(made.get("share").get("status").asText()).isEqualTo("active");
            assertThat(made.get("share").get("createdBy").asText()).isEqualTo("ann");

            Api viewer = bob.in("ann");
            var listed = viewer.get("/shares");
            assertThat(listed.statusCode()).isEqualTo(200);
            assertThat(json(listed).findValuesAsText("report")).contains("Orders");
            assertThat(listed.body()).doesNotContain(token).doesNotContain("token");
            assertThat(viewer.get("/shares/" + id).statusCode()).isEqualTo(200);
            assertProblem(viewer.post("/shares", "{'report': " + report + "}"), 403, "forbidden");
            assertProblem(viewer.delete("/shares/" + id), 403, "forbidden");
            assertProblem(viewer.get("/shares/" + id + "/accesses"), 403, "forbidden");
            Api reader = Api.bearer(server, server.token("ann", TokenScope.READ));
            assertThat(reader.get("/shares").statusCode()).isEqualTo(200);
            assertProblem(reader.post("/shares", "{'report': " + report + "}"), 403, "forbidden");
            assertProblem(reader.delete("/shares/" + id), 403, "forbidden");

            Api editor = eve.in("ann");
            long edited = created(editor.post("/shares", "{'report': " + report + "}")).get("share").get("id")
                    .asLong();
            assertThat(editor.get("/shares/" + id + "/accesses").statusCode()).isEqualTo(200);
            assertThat(editor.delete("/shares/" + edited).statusCode()).isEqualTo(204);

            Api outsider = carol.in("ann");
            for (var r : List.of(outsider.get("/shares"), outsider.get("/shares/" + id), outsider.delete("/shares/"
                    + id), outsider.post("/shares", "{'report': " + report + "}"))) {
                assertProblem(r, 404, "not-found");
            }
            for (var r : List.of(carol.get("/shares/" + id), carol.delete("/shares/" + id),
                    carol.get("/shares/" + id + "/accesses"))) {
                assertProblem(r, 404, "not-found"); // her own workspace has no such link
            }
            assertProblem(carol.post("/shares", "{'report': " + report + "}"), 422, "validation-failed");
            assertProblem(new Api(server).get("/shares"), 401, "unauthenticated");
            assertProblem(ann.get("/shares/abc"), 404, "not-found");
            assertThat(json(ann.get("/shares/" + id)).get("status").asText()).isEqualTo("active");
        }

        @Test
        void thePublicPageShowsOnlyTheLinksRowsEscapedAndUncached() throws Exception {
            String token = token(share(", 'fixedTo': {'column': 'customer', 'record': " + acme + "}"));
            var page = page(token, "?fixedTo=&filter=customer:ne:0&columns=x");
            assertThat(page.statusCode()).isEqualTo(200);
            assertPrivate(page);
            assertThat(page.body()).contains("id=\"share-workspace\">ann<", "Orders", "Acme", "anvil",
                    "&lt;script&gt;alert(1)&lt;/script&gt;", "20.50 EUR", "id=\"generated-at\"")
                    .doesNotContain("<script>alert", "Beta", "rope", "<script src");

            var csv = page(token, "?format=csv");
            assertThat(csv.statusCode()).isEqualTo(200);
            assertPrivate(csv);
            assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                    .startsWith("text/csv"));
            assertThat(csv.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"Orders.csv\"");
            assertThat(csv.body().split("\r\n")).hasSize(3).contains("Customer › Name,Item,Total,Total currency",
                    "Acme,anvil,10.00,EUR");

            var pdf = server.sendBytes(server.request("/share/" + token + "?format=pdf").build());
            assertThat(pdf.statusCode()).isEqualTo(200);
            assertPrivate(pdf);
            assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
            String text = new PdfTextExtractor(new PdfReader(pdf.body())).getTextFromPage(1);
            assertThat(text).contains("Orders", "Workspace: ann", "Generated at", "Acme", "anvil", "10.00 EUR")
                    .doesNotContain("Beta");
        }

        @Test
        void unknownRevokedAndDeletedLinksSaySoAndNothingMore() throws Exception {
            for (String bad : List.of("A".repeat(43), "short", "..%2F..%2Fetc")) {
                var missing = page(bad, "");
                assertThat(missing.statusCode()).isEqualTo(404);
                assertPrivate(missing);
                assertThat(missing.body()).contains("This link does not exist");
            }
            JsonNode made = share("");
            String token = token(made);
            assertThat(ann.delete("/shares/" + made.get("share").get("id").asLong()).statusCode()).isEqualTo(204);
            var revoked = page(token, "?format=csv");
            assertThat(revoked.statusCode()).isEqualTo(410);
            assertPrivate(revoked);
            assertThat(revoked.body()).contains("This link has been revoked").doesNotContain("Orders", "Acme", "ann");

            long other = created(ann.post("/reports", "{'name': 'Scratch', 'table': 'customers'}")).get("id").asLong();
            String orphan = token(created(ann.post("/shares", "{'report': " + other + "}")));
            assertThat(page(orphan, "").body()).contains("Acme");
            assertThat(ann.delete("/reports/" + other).statusCode()).isEqualTo(204);
            var deleted = page(orphan, "");
            assertThat(deleted.statusCode()).isEqualTo(410);
            assertThat(deleted.body()).contains("no longer available").doesNotContain("Scratch", "Acme");
        }

        @Test
        void aPassphraseFormGuardsTheLinkAndItsCookieUnlocksOnlyThatLink() throws Exception {
            String token = token(share(", 'passphrase': 'correct horse battery'"));
            var form = page(token, "?format=csv");
            assertThat(form.statusCode()).isEqualTo(200);
            assertPrivate(form);
            assertThat(form.body()).contains("This report is protected").doesNotContain("Acme", "Orders", "ann");
            String csrfCookie = cookie(form, "cairn_csrf");
            String csrf = form.body().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");

            var forged = unlock(token, csrfCookie, "", "correct horse battery");
            assertThat(forged.statusCode()).isEqualTo(403);
            assertPrivate(forged); // the error page keeps the link's privacy headers
            var wrong = unlock(token, csrfCookie, csrf, "wrong horse");
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.body()).contains("not right");
            var right = unlock(token, csrfCookie, csrf, "correct horse battery");
            assertThat(right.statusCode()).isEqualTo(303);
            assertThat(right.headers().firstValue("Location")).hasValue("/share/" + token + "?format=csv");
            String setCookie = right.headers().allValues("Set-Cookie").stream()
                    .filter(c -> c.startsWith("cairn_share=")).findFirst().orElseThrow();
            assertThat(setCookie).contains("Path=/share/" + token, "HttpOnly", "SameSite=Lax", "Max-Age=7200");
            String unlock = cookie(right, "cairn_share");

            var csv = page(token, "?format=csv", "Cookie", unlock);
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.body()).contains("Acme,anvil");
            String otherToken = token(share(", 'passphrase': 'correct horse battery'"));
            assertThat(page(otherToken, "", "Cookie", unlock).body()).contains("This report is protected");
        }

        private HttpResponse<String> unlock(String token, String csrfCookie, String csrf, String passphrase)
                throws Exception {
            String body = "_csrf=" + csrf + "&format=csv&passphrase=" + passphrase.replace(' ', '+');
            return server.send(server.request("/share/" + token).header("Accept", "text/html")
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", csrfCookie)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        }

        private static String cookie(HttpResponse<?> r, String name) {
            String set = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                    .findFirst().orElseThrow(() -> new AssertionError("no " + name + " cookie in " + r.headers()));
            return set.substring(0, set.indexOf(';'));
        }

        @Test
        void theAccessLogShowsEveryRequestToTheOwner() throws Exception {
            JsonNode made = share(", 'passphrase': 'correct horse battery'");
            String token = token(made);
            long id = made.get("share").get("id").asLong();
            page(token, "", "User-Agent", "Mozilla/5.0 " + "x".repeat(300));
            var form = page(token, "");
            unlock(token, cookie(form, "cairn_csrf"), form.body().replaceAll("(?s).*name=\"_csrf\" value=\""
                    + "([^\"]+)\".*", "$1"), "nope nope nope");
            var log = json(ann.get("/shares/" + id + "/accesses"));
            assertThat(log.findValuesAsText("outcome")).containsExactly("wrong-passphrase", "passphrase-required",
                    "passphrase-required");
            assertThat(log.get(0).get("what").asText()).isEqualTo("passphrase");
            assertThat(log.get(2).get("client").asText()).isEqualTo("127.0.0.1");
            assertThat(log.get(2).get("userAgent").asText()).hasSize(200).startsWith("Mozilla/5.0 xxx");
            var listed = json(ann.get("/shares/" + id));
            assertThat(listed.get("accessCount").asLong()).isEqualTo(3);
            assertThat(listed.get("passphrase").asBoolean()).isTrue();
            assertThat(listed.get("lastAccessAt").asText()).endsWith("Z");
        }

        @Test
        void theServersAccessLogNamesTheRouteNeverTheToken() throws Exception {
            String token = token(share(""));
            List<String> logged;
            try (LogCapture access = LogCapture.of("cairn.access", Level.INFO)) {
                assertThat(page(token, "?format=csv").statusCode()).isEqualTo(200);
                assertThat(page("B".repeat(43), "").statusCode()).isEqualTo(404);
                access.awaitAtLeast(2); // the request log is written just after the response
                logged = access.messages();
            }
            assertThat(logged).hasSizeGreaterThanOrEqualTo(2).allSatisfy(l -> assertThat(l)
                    .startsWith("GET /share/{token} ").doesNotContain(token).doesNotContain("BBBB"));
        }

        @Test
        void reportResultsComeAsPdfThroughTheApi() throws Exception {
            var r = server.sendBytes(ann.request("/reports/" + report + "/result?format=pdf").GET().build());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/pdf");
            assertThat(r.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"Orders.pdf\"");
            String text = new PdfTextExtractor(new PdfReader(r.body())).getTextFromPage(1);
            assertThat(text).contains("Orders", "Workspace: ann", "Customer › Name", "Beta", "7.25 EUR", "Total 37.75 EUR")
                    .doesNotContain("customer.name");
            assertProblem(ann.get("/reports/" + report + "/result?format=docx"), 422, "validation-failed");
        }
    }
}
