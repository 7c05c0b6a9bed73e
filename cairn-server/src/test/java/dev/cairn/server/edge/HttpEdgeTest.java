package dev.cairn.server.edge;

import static dev.cairn.server.Problems.problem;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.protocol.TokenScope;
import dev.cairn.server.LogCapture;
import dev.cairn.server.TestServer;
import dev.cairn.server.account.AccountStatus;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression tests, through the real HTTP stack, for the defects of the attack campaign of issue 10 on the platform:
 * oversized JSON numbers, lax JSON, self-suspension of the last administrator, a login throttle per login string, share
 * tokens in the access log, HEAD, method override and the email rule. Slow clients, chunked-upload quota messages and
 * temp files of killed uploads have classes of their own; the workspace's (XLSX with a DTD, import errors, the
 * invitations' email rule) are in cairn-workspace's {@code WorkspaceEdgeTest}.
 */
class HttpEdgeTest {

    @TempDir
    static Path dir;
    static TestServer server;
    static String admin;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dir.resolve("server"));
        admin = server.token("admin", TokenScope.FULL);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static HttpResponse<String> post(String path, String contentType, String body, String... headers)
            throws Exception {
        return server.post(path, contentType, body, headers);
    }

    private static HttpResponse<String> post(String path, String contentType, byte[] body, String... headers)
            throws Exception {
        return server.post(path, contentType, body, headers);
    }

    private static String signup(String name, String email, String password) {
        return "{\"name\":\"" + name + "\",\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    }

    @Test
    void aJsonNumberOfMoreThan1000DigitsIsA400WithAShortMessageAndNoStackTrace() throws Exception {
        String huge = "9".repeat(1200);
        for (String path : List.of("/api/v1/session", "/api/v1/signup")) {
            try (LogCapture log = LogCapture.root(Level.INFO)) {
                var r = post(path, "application/json", "{\"name\":" + huge + ",\"password\":\"x\"}");
                JsonNode p = problem(r, 400, "bad-request");
                assertThat(p.get("detail").asText()).contains("1,000 digits").hasSizeLessThan(200);
                assertThat(log.events()).as(path).hasSizeLessThanOrEqualTo(1)
                        .allSatisfy(e -> assertThat(e.getThrowableProxy()).isNull());
            }
        }
    }

    @Test
    void jsonBodiesAreOneDocumentWithUniqueKeysAndValidUnicode() throws Exception {
        var trailing = post("/api/v1/signup", "application/json", signup("trail", "trail@example.com",
                "trail-password") + " {\"more\":1}");
        assertThat(problem(trailing, 400, "bad-request").get("detail").asText()).contains("after the end");
        var duplicate = post("/api/v1/signup", "application/json", "{\"name\":\"dup-a\",\"name\":\"dup-b\","
                + "\"email\":\"dup@example.com\",\"password\":\"dup-password\"}");
        assertThat(problem(duplicate, 400, "bad-request").get("detail").asText()).contains("'name' appears twice");
        var surrogate = post("/api/v1/signup", "application/json", signup("lone", "lone@example.com",
                "lone-password\\ud800"));
        assertThat(problem(surrogate, 400, "bad-request").get("detail").asText()).contains("$.password")
                .contains("unpaired");
        assertThat(List.of("trail", "dup-a", "dup-b", "lone")).allSatisfy(name ->
                assertThat(server.core().accounts().find(name)).as(name).isEmpty());

        var paired = post("/api/v1/signup", "application/json", signup("pair", "pair@example.com",
                "pair-password-\\ud83d\\ude00"));
        assertThat(paired.statusCode()).as(paired.body()).isEqualTo(201);
        assertThat(server.core().accounts().login("pair", "pair-password-\uD83D\uDE00", "10.0.0.9").name())
                .isEqualTo("pair");
    }

    @Test
    void bindingErrorsNameTheFieldAndTheJsonKindNeverAJavaType() throws Exception {
        var unknown = post("/api/v1/signup", "application/json", "{\"name\":\"x1\",\"extra\":1}");
        String detail = problem(unknown, 400, "bad-request").get("detail").asText();
        assertThat(detail).contains("unknown field 'extra'", "known fields:", "email");
        var wrongType = post("/api/v1/signup", "application/json", "{\"name\":\"x1\",\"password\":[\"x\"]}");
        String typeDetail = problem(wrongType, 400, "bad-request").get("detail").asText();
        assertThat(typeDetail).isEqualTo("'password' must be text");
        var badScope = post("/api/v1/account/tokens", "application/json", "{\"name\":\"t\",\"scope\":\"root\"}",
                "Authorization", "Bearer " + admin);
        String scopeDetail = problem(badScope, 400, "bad-request").get("detail").asText();
        assertThat(scopeDetail).contains("'scope'", "use read, append or full");
        for (String d : List.of(detail, typeDetail, scopeDetail)) {
            assertThat(d).doesNotContain("dev.cairn", "java.", "class ", "`", "JsonToken", "START_ARRAY");
        }
    }

    @Test
    void theLastActiveAdministratorCanBeNeitherSuspendedNorDeletedByAnyPath() throws Exception {
        var self = post("/api/v1/admin/accounts/admin/suspend", "application/json", "{}",
                "Authorization", "Bearer " + admin);
        assertThat(problem(self, 403, "forbidden").get("detail").asText()).contains("your own account");
        var deleteSelf = server.send(server.request("/api/v1/account").header("Authorization", "Bearer " + admin)
                .DELETE().build());
        assertThat(problem(deleteSelf, 403, "forbidden").get("detail").asText())
                .contains("only active administrator", "cannot be deleted");
        var accounts = server.core().accounts();
        assertThat(List.of("suspend", "delete")).allSatisfy(path -> assertThat(org.assertj.core.api.Assertions
                .catchThrowable(() -> {
                    if (path.equals("suspend")) {
                        accounts.suspend("admin", null); // the operator's command line: no acting account
                    } else {
                        accounts.requestDeletion(accounts.require("admin").id());
                    }
                })).as(path).hasMessageContaining("only active administrator"));
        assertThat(accounts.require("admin").status()).isEqualTo(AccountStatus.ACTIVE);

        accounts.create("second-admin", "second@example.com", "second-admin-password", true);
        String second = server.token("second-admin", TokenScope.FULL);
        var bySecond = post("/api/v1/admin/accounts/admin/suspend", "application/json", "{}",
                "Authorization", "Bearer " + second);
        assertThat(bySecond.statusCode()).as(bySecond.body()).isEqualTo(200);
        var secondIsNowLast = server.send(server.request("/api/v1/account")
                .header("Authorization", "Bearer " + second).DELETE().build());
        problem(secondIsNowLast, 403, "forbidden");
        accounts.unsuspend("admin");
        assertThat(accounts.require("second-admin").status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(accounts.require("admin").status()).isEqualTo(AccountStatus.ACTIVE);
    }

    @Test
    void theLoginThrottleCountsTheAccountWhetherItsNameOrItsEmailIsTried() throws Exception {
        server.account("throttled");
        server.account("bystander");
        for (int i = 0; i < 5; i++) {
            String login = i % 2 == 0 ? "throttled" : "throttled@example.com";
            var wrong = post("/api/v1/session", "application/json", "{\"name\":\"" + login + "\",\"password\":"
                    + "\"wrong-password\"}");
            problem(wrong, 401, "unauthenticated");
        }
        var sixth = post("/api/v1/session", "application/json", "{\"name\":\"throttled@example.com\","
                + "\"password\":\"" + TestServer.password("throttled") + "\"}");
        problem(sixth, 429, "too-many-requests");
        var byName = post("/api/v1/session", "application/json", "{\"name\":\"throttled\",\"password\":\""
                + TestServer.password("throttled") + "\"}");
        problem(byName, 429, "too-many-requests");
        var other = post("/api/v1/session", "application/json", "{\"name\":\"bystander\",\"password\":\""
                + TestServer.password("bystander") + "\"}");
        assertThat(other.statusCode()).as(other.body()).isEqualTo(200);
    }

    @Test
    void aShareTokenNeverReachesTheLogWhetherThePathMatchesARouteOrNot() throws Exception {
        String token = "Zq3" + "x".repeat(37) + "Q9w";
        List<String> paths = List.of("/share/" + token, "/share/" + token + "/x", "//share//" + token,
                "/%73hare/" + token, "/share;v=1/" + token + "/", "/SHARE/" + token);
        try (LogCapture access = LogCapture.of("cairn.access", Level.INFO);
                LogCapture all = LogCapture.root(Level.DEBUG)) {
            for (String p : paths) {
                dev.cairn.server.RawHttp.status(server.app().port(), "GET", p, null, new byte[0]);
            }
            assertThat(access.awaitAtLeast(paths.size())).as("an access line per request").isTrue();
            assertThat(access.messages()).hasSizeGreaterThanOrEqualTo(paths.size())
                    .allSatisfy(line -> assertThat(line).doesNotContain(token).contains("{token}"));
            assertThat(all.messages()).noneSatisfy(line -> assertThat(line).contains(token));
        }
    }

    @Test
    void headIsAnsweredLikeGetWithoutABodyAndLogsNoError() throws Exception {
        var login = server.send(server.request("/login").GET().build());
        var css = java.util.regex.Pattern.compile("/static/cairn-[0-9a-f]+\\.css").matcher(login.body());
        assertThat(css.find()).as("the login page links its style sheet").isTrue();
        try (LogCapture log = LogCapture.root(Level.INFO)) {
            for (String path : List.of("/healthz", "/readyz", "/login", "/signup", css.group())) {
                var get = server.send(server.request(path).GET().build());
                var head = server.send(server.request(path).method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build());
                assertThat(head.statusCode()).as(path).isEqualTo(get.statusCode()).isEqualTo(200);
                assertThat(head.body()).as(path).isEmpty();
                assertThat(head.headers().firstValue("Content-Type")).as(path)
                        .isEqualTo(get.headers().firstValue("Content-Type"));
            }
            var dashboard = server.send(server.request("/").header("Accept", "text/html")
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
            assertThat(dashboard.statusCode()).as("HEAD of a page needs a session as GET does").isEqualTo(302);
            for (String path : List.of("/logout", "/no/such/page", "/no/such/deeper/page/at/all", "/api/v1/session")) {
                var get = server.send(server.request(path).GET().build());
                var head = server.send(server.request(path).method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build());
                assertThat(head.statusCode()).as(path).isEqualTo(get.statusCode()).isGreaterThanOrEqualTo(400);
            }
            assertThat(log.events()).noneSatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.ERROR));
        }
    }

    @Test
    void aRequestLineBrokenByARawNewlineOrSpaceIsA400NotAServerError() throws Exception {
        // a raw newline in the target ends the request line early: without a version it reads as HTTP/0.9
        for (String line : List.of("GET /api/v1/workspace/tables/a\nb/records HTTP/1.1", "GET /api/v1/account\n",
                "GET /api/v1/a b c HTTP/1.1")) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.app().port())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write((line + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                String answer = RawAnswer.read(socket.getInputStream());
                assertThat(answer).as(line).startsWith("HTTP/1.1 400 ").doesNotContain("505", "Exception");
                if (line.contains("\n")) {
                    assertThat(answer).as(line).contains("malformed request line");
                }
            }
        }
    }

    @Test
    void xHttpMethodOverrideIsIgnored() throws Exception {
        long adminId = server.core().accounts().require("admin").id();
        long victim = server.core().tokens().create(adminId, "override-victim", TokenScope.READ, null).id();
        var r = post("/api/v1/account/tokens/" + victim, "application/json", "{}", "Authorization", "Bearer " + admin,
                "X-HTTP-Method-Override", "DELETE");
        problem(r, 405, "method-not-allowed");
        assertThat(server.core().tokens().list(adminId)).anySatisfy(t -> assertThat(t.id()).isEqualTo(victim));
    }

    @Test
    void oneEmailRuleForSignUp() throws Exception {
        String hostile = "<script>alert(1)</script>@x.y";
        var signUp = post("/api/v1/signup", "application/json", signup("scripted", hostile, "scripted-password"));
        assertThat(problem(signUp, 400, "bad-request").get("detail").asText()).contains("is not an email address");
        String unusual = "ann.o'neil+tag@mail.example.co.uk";
        var goodSignUp = post("/api/v1/signup", "application/json", signup("unusual", unusual, "unusual-password"));
        assertThat(goodSignUp.statusCode()).as(goodSignUp.body()).isEqualTo(201);
        for (String bad : List.of("a@b", "a b@example.com", "a..b@example.com", ".a@example.com", "a@-x.com",
                "Ann <a@example.com>", "a@example.com\r\nBcc: x@example.com")) {
            assertThat(dev.cairn.server.account.EmailAddresses.isValid(bad)).as(bad).isFalse();
        }
    }
}
