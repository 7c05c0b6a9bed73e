package dev.cairn.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.protocol.Problem;
import dev.cairn.protocol.TokenScope;
import dev.cairn.server.TestServer;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Content negotiation of errors: browsers ({@code Accept: text/html}) get a friendly page in the site layout with the
 * right status; API and storage clients keep getting {@code application/problem+json}.
 */
class ErrorPagesTest {
    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dir.resolve("server"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void unknownPageIsA404PageForBrowsersAndAProblemForApiClients() throws Exception {
        var html = server.send(server.request("/no/such/page/here/at-all").header("Accept", "text/html").build());
        assertThat(html.statusCode()).isEqualTo(404);
        assertThat(html.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("text/html"));
        assertThat(html.body()).contains("<h1>Page not found</h1>").contains("<main id=\"main\"")
                .contains("href=\"/static/cairn-");
        assertThat(html.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("script-src 'self'"));

        var json = server.send(server.request("/no/such/page/here/at-all").header("Accept", "application/json")
                .build());
        assertThat(json.statusCode()).isEqualTo(404);
        assertThat(json.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/problem+json"));
        assertThat(json.body()).contains("\"code\":\"not-found\"");
    }

    @Test
    void anonymousBrowserOnTheAdminPageIsAskedToLogIn() throws Exception {
        var r = server.send(server.request("/web/admin/accounts").header("Accept", "text/html").build());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("<h1>Please log in</h1>").contains("<a href=\"/login\">Log in</a>");
        assertThat(r.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void anonymousBrowserOnASignedInPageIsRedirectedToLogin() throws Exception {
        var r = server.send(server.request("/tokens").header("Accept", "text/html").build());
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).as("and back after logging in").hasValue("/login?next=%2Ftokens");
    }

    @Test
    void htmxRequestOfAnExpiredSessionIsSentToTheLoginPage() throws Exception {
        var r = server.send(server.request("/dashboard/quota").header("HX-Request", "true").build());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("HX-Redirect")).hasValue("/login");
        assertThat(r.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void fullQuotaIsAPageWithUsageForBrowsersAndAProblemWithNumbersForClients() throws Exception {
        server.account("quota-full");
        server.core().accounts().setQuota("quota-full", 100L);
        String token = server.token("quota-full", TokenScope.FULL);
        HttpRequest.Builder put = server.request("/api/v1/repos/r/objects/data/" + "cd".repeat(32))
                .header("Authorization", "Bearer " + token).PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[200]));

        var json = server.send(put.build());
        assertThat(json.statusCode()).isEqualTo(413);
        assertThat(json.body()).contains("\"quotaBytes\":100");

        var restic = server.send(server.request("/quota-full/r/data/" + "cd".repeat(32)).header("Accept", "text/html")
                .header("Authorization", TestServer.basic("quota-full", token))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[200])).build());
        assertThat(restic.statusCode()).isIn(413, 507);
        assertThat(restic.body()).contains("<h1>Storage quota full</h1>").contains("Used 0 B of 100 B");
    }

    @Test
    void resticSendingAWholePackOverQuotaReadsTheQuotaMessageNotAReset() throws Exception {
        server.account("quota-pack");
        server.core().accounts().setQuota("quota-pack", 1000L);
        String token = server.token("quota-pack", TokenScope.FULL);
        byte[] pack = new byte[16 << 20]; // restic's default pack size: far more than the socket buffers hold
        for (int i = 0; i < 3; i++) {
            var r = server.send(server.request("/quota-pack/r/data/" + "ef".repeat(31) + "0" + i)
                    .header("Authorization", TestServer.basic("quota-pack", token))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(pack)).build());
            assertThat(r.statusCode()).isIn(413, 507);
            assertThat(r.body()).contains("quota");
        }
    }

    @Test
    void aConnectionStaysUsableAfterAnUploadWasRefusedForItsSize() throws Exception {
        server.account("quota-keep");
        server.core().accounts().setQuota("quota-keep", 1000L);
        String token = server.token("quota-keep", TokenScope.FULL);
        byte[] body = new byte[4 << 20];
        try (var socket = new java.net.Socket("127.0.0.1", server.uri("/").getPort())) {
            socket.setSoTimeout(60_000);
            var out = socket.getOutputStream();
            var in = new java.io.BufferedInputStream(socket.getInputStream());
            Thread writer = sendInBackground(out, "POST /quota-keep/r/data/" + "ab".repeat(32) + " HTTP/1.1\r\n"
                    + "Host: localhost\r\nAuthorization: " + TestServer.basic("quota-keep", token) + "\r\n", body);
            assertThat(readAnswer(in)).as("the refusal").matches("HTTP/1.1 (413|507).*(?s).*quota.*");
            writer.join();
            out.write("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(java.nio.charset.StandardCharsets
                    .US_ASCII));
            out.flush();
            assertThat(readAnswer(in)).as("the next request on the same connection").startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void oversizedFormsOnOneConnectionAreEachAnsweredAndTheConnectionStaysOpen() throws Exception {
        byte[] form = ("name=" + "a".repeat(4 << 20) + "&password=x&_csrf=x").getBytes(java.nio.charset
                .StandardCharsets.US_ASCII);
        try (var socket = new java.net.Socket("127.0.0.1", server.uri("/").getPort())) {
            socket.setSoTimeout(60_000);
            var out = socket.getOutputStream();
            var in = new java.io.BufferedInputStream(socket.getInputStream());
            for (int i = 0; i < 3; i++) {
                Thread writer = sendInBackground(out, "POST /login HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\n"
                        + "Cookie: cairn_csrf=x\r\nContent-Type: application/x-www-form-urlencoded\r\n", form);
                String answer = readAnswer(in);
                assertThat(answer).as("answer %d", i).matches("HTTP/1.1 (400|413).*(?s).*")
                        .doesNotContainIgnoringCase("connection: close").contains("at most 1,000,000 bytes");
                writer.join();
            }
        }
    }

    /**
     * Writes a request (its request line and headers, each ending in CRLF, then Content-Length and the body) on a
     * virtual thread, as a client that keeps sending while the answer arrives; a write the server cut off is ignored
     * (the caller's assertions on the answer say what the client saw).
     */
    private static Thread sendInBackground(java.io.OutputStream out, String head, byte[] body) {
        return Thread.ofVirtual().start(() -> {
            try {
                out.write((head + "Content-Length: " + body.length + "\r\n\r\n").getBytes(java.nio.charset
                        .StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            } catch (java.io.IOException ignored) {
                // see the caller's assertions
            }
        });
    }

    /** Status line, headers and body (by Content-Length) of one answer, as text. */
    private static String readAnswer(java.io.InputStream in) throws java.io.IOException {
        var head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new java.io.EOFException("the server closed the connection; read so far: " + head);
            }
            head.append((char) b);
        }
        var length = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(head);
        int n = length.find() ? Integer.parseInt(length.group(1)) : 0;
        return head + new String(in.readNBytes(n), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void wrongMethodIsA405PageForBrowsers() throws Exception {
        var r = server.send(server.request("/signup").header("Accept", "text/html")
                .method("DELETE", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.body()).contains("<h1>Method not allowed</h1>");
    }

    @Test
    void oversizedFormIsRefusedWithAPageAndNoSession() throws Exception {
        String huge = "name=" + "a".repeat(12 * 1024 * 1024) + "&password=x&_csrf=x";
        for (int i = 0; i < 3; i++) { // the page arrives, never a connection reset while the form is still being sent
            assertOversizedFormRefused(huge);
        }
    }

    private static void assertOversizedFormRefused(String huge) throws Exception {
        var r = server.send(server.request("/login").header("Accept", "text/html").header("Cookie", "cairn_csrf=x")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(huge)).build());
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("text/html"));
        assertThat(r.body()).as("cairn's page, in words").contains("<main id=\"main\"").contains("1,000,000 bytes");
        assertThat(r.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("cairn_session="));
    }

    @Test
    void serverFailurePageRevealsNothingInternal() {
        ErrorPages pages = new ErrorPages(new Pages(new Views(), new Assets(), null, () -> true, java.util.List.of()));
        String html = pages.render(Problem.of(ErrorCode.INTERNAL, "the server failed (unexpected failure); the error "
                + "was logged, retry later or contact the administrator"));
        assertThat(html).contains("<h1>Something went wrong</h1>").contains("HTTP 500").contains("role=\"alert\"")
                .contains("The server failed");
    }

    @Test
    void storageOutagePageSaysItIsTemporary() {
        ErrorPages pages = new ErrorPages(new Pages(new Views(), new Assets(), null, () -> true, java.util.List.of()));
        String html = pages.render(Problem.of(ErrorCode.STORE_UNAVAILABLE, "the storage backend is temporarily "
                + "unavailable; retry later"));
        assertThat(html).contains("<h1>Storage temporarily unavailable</h1>").contains("HTTP 503");
    }

    @Test
    void errorDetailsAreEscaped() {
        ErrorPages pages = new ErrorPages(new Pages(new Views(), new Assets(), null, () -> true, java.util.List.of()));
        String html = pages.render(Problem.of(ErrorCode.NOT_FOUND, "no such resource: /<img src=x onerror=alert(1)>"));
        assertThat(html).doesNotContain("<img src=x").contains("&lt;img src=x onerror=alert(1)&gt;");
    }
}
