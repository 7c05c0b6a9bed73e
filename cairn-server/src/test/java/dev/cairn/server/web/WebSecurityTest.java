package dev.cairn.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.server.ServerConfig;
import dev.cairn.server.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web UI's security contracts over plain HTTP: CSRF on every state-changing form (forged posts are refused with 403
 * and change nothing), session cookie attributes, escaping of user-controlled text, page headers, static files, and
 * the roles of the UI routes in the route table.
 */
class WebSecurityTest {
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
    void loginWithoutTheFormsCsrfTokenIsRefusedWith403() throws Exception {
        server.account("csrf-login");
        WebClient web = new WebClient(server);
        web.get("/login");
        var forged = web.postRaw("/login", Map.of("name", "csrf-login", "password", TestServer.password("csrf-login")),
                Map.of());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("This form has expired");
        assertThat(web.cookie("cairn_session")).isEmpty();

        var wrongToken = web.postRaw("/login", Map.of("name", "csrf-login", "password",
                TestServer.password("csrf-login"), "_csrf", "forged"), Map.of());
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        assertThat(web.cookie("cairn_session")).isEmpty();
    }

    @Test
    void twoOpenLoginFormsBothWorkButAShortForgedCookieIsReplaced() throws Exception {
        server.account("two-tabs");
        WebClient web = new WebClient(server);
        web.get("/login");
        String first = web.csrf().orElseThrow();
        web.get("/login");
        assertThat(web.csrf()).hasValue(first);
        assertThat(web.post("/login", "name", "two-tabs", "password", TestServer.password("two-tabs"))
                .statusCode()).isEqualTo(303);

        var planted = server.send(server.request("/login").header("Accept", "text/html")
                .header("Cookie", "cairn_csrf=short").build());
        assertThat(planted.body()).doesNotContain("value=\"short\"");
        assertThat(planted.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("cairn_csrf="));
    }

    @Test
    void signedInFormWithAForgedCsrfTokenIsRefusedAndChangesNothing() throws Exception {
        WebClient web = new WebClient(server);
        assertThat(web.signUp("csrf-victim", "victim-password").statusCode()).isEqualTo(303);
        long id = server.core().accounts().require("csrf-victim").id();

        var forged = web.postRaw("/tokens", Map.of("name", "evil", "scope", "full", "_csrf", "not-the-token"), Map.of());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("text/html"));
        var missing = web.postRaw("/tokens", Map.of("name", "evil", "scope", "full"), Map.of());
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(server.core().tokens().list(id)).isEmpty();

        var forgedDelete = web.postRaw("/account/delete", Map.of("confirm", "csrf-victim", "password",
                "victim-password"), Map.of());
        assertThat(forgedDelete.statusCode()).isEqualTo(403);
        assertThat(server.core().accounts().require(id).isActive()).isTrue();

        web.get("/tokens");
        assertThat(web.post("/tokens", "name", "real", "scope", "read").statusCode()).isEqualTo(200);
        assertThat(server.core().tokens().list(id)).hasSize(1);
    }

    @Test
    void sessionCookieIsHttpOnlyAndSameSiteLaxAndNotSecureOverPlainHttp() throws Exception {
        WebClient web = new WebClient(server);
        HttpResponse<String> r = web.signUp("cookie-check", "cookie-password");
        String setCookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("cairn_session="))
                .findFirst().orElseThrow();
        assertThat(setCookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax")
                .doesNotContainIgnoringCase("Secure");
    }

    @Test
    void cookiesAreSecureWhenTheServerIsReachedOverHttps(@TempDir Path other) throws Exception {
        try (TestServer https = TestServer.start(other, WebSecurityTest::httpsPublicUrl)) {
            var page = https.send(https.request("/signup").header("Accept", "text/html").build());
            String csrfCookie = page.headers().allValues("Set-Cookie").stream()
                    .filter(c -> c.startsWith("cairn_csrf=")).findFirst().orElseThrow();
            assertThat(csrfCookie).containsIgnoringCase("; Secure").containsIgnoringCase("HttpOnly")
                    .containsIgnoringCase("SameSite=Strict");
            // a browser would not send a Secure cookie over plain http; this client is told to
            String token = csrfCookie.substring("cairn_csrf=".length(), csrfCookie.indexOf(';'));
            var r = new WebClient(https).postRaw("/signup", Map.of("name", "secure-cookie", "email",
                    "sc@example.com", "password", "cookie-password", "_csrf", token),
                    Map.of("Cookie", "cairn_csrf=" + token));
            assertThat(r.statusCode()).isEqualTo(303);
            assertThat(r.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                    .startsWith("cairn_session=").containsIgnoringCase("; Secure").containsIgnoringCase("HttpOnly"));
        }
    }

    private static ServerConfig httpsPublicUrl(ServerConfig c) {
        return c.withPublicUrl("https://backup.example.com");
    }

    @Test
    void scriptInATokenNameIsRenderedEscaped() throws Exception {
        WebClient web = new WebClient(server);
        web.signUp("xss-check", "xss-password-1");
        web.get("/tokens");
        String evil = "<script>alert('x')</script>";
        var created = web.post("/tokens", "name", evil, "scope", "read");
        assertThat(created.body()).doesNotContain("<script>alert").contains("&lt;script&gt;alert(");
        var list = web.get("/tokens");
        assertThat(list.body()).doesNotContain("<script>alert").contains("&lt;script&gt;alert(");
    }

    @Test
    void scriptInAnAccountNameIsRenderedEscapedInTheSignupError() throws Exception {
        WebClient web = new WebClient(server);
        var r = web.signUp("<script>alert(1)</script>", "xss-password-2");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).doesNotContain("<script>alert").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(r.body()).contains("aria-describedby=\"name-hint name-error\"");
    }

    @Test
    void scriptInAnEmailIsRenderedEscapedOnTheAdminPage() throws Exception {
        assertThatThrownBy(() -> server.core().accounts().create("odd-email", "<script>x()</script>@example.com",
                "odd-email-password", false)).hasMessageContaining("is not an email address");
        // an address stored before the email rule was strict, as older data may hold: the page must still escape it
        server.core().accounts().create("odd-email", "odd@example.com", "odd-email-password", false);
        server.core().database().jdbi().useHandle(h -> h.createUpdate("UPDATE accounts SET email = :e WHERE name = "
                + "'odd-email'").bind("e", "<script>x()</script>@example.com").execute());
        WebClient admin = new WebClient(server);
        admin.logIn("admin", TestServer.ADMIN_PASSWORD);
        var page = admin.get("/web/admin/accounts");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("<script>x()").contains("&lt;script&gt;x()&lt;/script&gt;@example.com");
    }

    @Test
    void pagesAreNotCachedAndCarryAStrictContentSecurityPolicy() throws Exception {
        var r = new WebClient(server).get("/login");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe"));
        assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    }

    @Test
    void htmxIsServedFromTheWebjarWithALongCacheAndOtherFilesAreNot() throws Exception {
        WebClient web = new WebClient(server);
        String page = web.get("/login").body();
        assertThat(page).contains("src=\"/static/htmx-2.0.10.min.js\"");
        var js = server.send(server.request("/static/htmx-2.0.10.min.js").build());
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.body()).contains("htmx");
        assertThat(js.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertThat(js.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("text/javascript"));

        var css = page.replaceAll("(?s).*href=\"(/static/cairn-[0-9a-f]+\\.css)\".*", "$1");
        assertThat(server.send(server.request(css).build()).statusCode()).isEqualTo(200);
        assertThat(server.send(server.request("/static/logback.xml").build()).statusCode()).isEqualTo(404);
        assertThat(server.send(server.request("/static/..%2Fcairn.db").build()).statusCode()).isEqualTo(404);
    }

    @Test
    void everyUiRouteIsInTheRouteTableWithTheIntendedRole() {
        Map<String, String> expected = Map.ofEntries(
                Map.entry("GET /static/{file}", "PUBLIC"), Map.entry("GET /login", "PUBLIC"),
                Map.entry("POST /login", "PUBLIC"), Map.entry("GET /signup", "PUBLIC"),
                Map.entry("POST /signup", "PUBLIC"), Map.entry("POST /logout", "SESSION_USER"),
                Map.entry("GET /", "SESSION_USER"), Map.entry("GET /dashboard/quota", "SESSION_USER"),
                Map.entry("GET /tokens", "SESSION_USER"), Map.entry("POST /tokens", "SESSION_USER"),
                Map.entry("POST /tokens/{id}/revoke", "SESSION_USER"),
                Map.entry("GET /account/password", "SESSION_USER"), Map.entry("POST /account/password", "SESSION_USER"),
                Map.entry("GET /account/delete", "SESSION_USER"), Map.entry("POST /account/delete", "SESSION_USER"),
                Map.entry("POST /account/time-zone", "SESSION_USER"),
                Map.entry("GET /web/admin/accounts", "ADMIN"),
                Map.entry("POST /web/admin/accounts/{name}/suspend", "ADMIN"),
                Map.entry("POST /web/admin/accounts/{name}/unsuspend", "ADMIN"),
                Map.entry("POST /web/admin/accounts/{name}/quota", "ADMIN"),
                Map.entry("POST /web/admin/signup", "ADMIN"), Map.entry("POST /web/admin/invites", "ADMIN"),
                Map.entry("GET /favicon.ico", "PUBLIC"), Map.entry("GET /repositories/{repo}", "SESSION_USER"),
                Map.entry("GET /repositories/{repo}/delete", "SESSION_USER"),
                Map.entry("POST /repositories/{repo}/delete", "SESSION_USER"),
                Map.entry("GET /web/admin", "ADMIN"), Map.entry("POST /web/admin/accounts", "ADMIN"),
                Map.entry("POST /web/admin/plans", "ADMIN"));
        var routes = server.app().http().registeredRoutes();
        expected.forEach((route, role) -> assertThat(routes).as(route).anySatisfy(r -> {
            assertThat(r.method() + " " + r.path()).isEqualTo(route);
            assertThat(r.roles()).extracting(Object::toString).containsExactly(role);
        }));
        assertThat(routes).extracting(r -> r.method() + " " + r.path()).doesNotHaveDuplicates();
    }
}
