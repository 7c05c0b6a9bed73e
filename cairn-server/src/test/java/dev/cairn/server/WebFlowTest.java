package dev.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plain-form web flow: sign-up and login forms with CSRF, the session cookie, the dashboard, logout. */
class WebFlowTest {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private record Form(String csrf, String cookie) {
    }

    private static Form form(String path) throws Exception {
        var page = server.send(server.request(path).header("Accept", "text/html").build());
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher m = CSRF.matcher(page.body());
        assertThat(m.find()).isTrue();
        String setCookie = page.headers().firstValue("Set-Cookie").orElseThrow();
        return new Form(m.group(1), setCookie.substring(0, setCookie.indexOf(';')));
    }

    private static HttpResponse<String> submit(String path, String cookie, String... fields) throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < fields.length; i += 2) {
            body.append(i == 0 ? "" : "&").append(fields[i]).append('=')
                    .append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        HttpRequest.Builder b = server.request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html").POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return server.send(b.build());
    }

    @Test
    void signUpLogOutAndLogInThroughTheForms() throws Exception {
        Form signup = form("/signup");
        var created = submit("/signup", signup.cookie(), "_csrf", signup.csrf(), "name", "kim", "email",
                "kim@example.com", "password", "kim's long password", "invite", "");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(303);
        String session = created.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("cairn_session="))
                .findFirst().map(c -> c.substring(0, c.indexOf(';'))).orElseThrow();

        var dashboard = server.send(server.request("/").header("Cookie", session).header("Accept", "text/html").build());
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains("<h1>Dashboard</h1>").contains("<strong id=\"account-name\">kim</strong>");
        Matcher m = CSRF.matcher(dashboard.body());
        assertThat(m.find()).isTrue();

        assertThat(submit("/logout", session).statusCode()).isEqualTo(403);
        assertThat(submit("/logout", session, "_csrf", m.group(1)).statusCode()).isEqualTo(303);
        var gone = server.send(server.request("/").header("Cookie", session).header("Accept", "text/html").build());
        assertThat(gone.statusCode()).isEqualTo(302);
        assertThat(gone.headers().firstValue("Location")).hasValue("/login");

        Form login = form("/login");
        var loggedIn = submit("/login", login.cookie(), "_csrf", login.csrf(), "name", "kim", "password",
                "kim's long password");
        assertThat(loggedIn.statusCode()).isEqualTo(303);
    }

    @Test
    void formsWithoutTheirCsrfTokenAreRefusedWithAnHtmlPage() throws Exception {
        Form login = form("/login");
        var r = submit("/login", login.cookie(), "name", "kim", "password", "whatever password");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(r.body()).contains("form expired");
        var wrongCookie = submit("/login", null, "_csrf", login.csrf(), "name", "kim", "password", "x");
        assertThat(wrongCookie.statusCode()).isEqualTo(403);
    }

    @Test
    void wrongPasswordShowsAnErrorPage() throws Exception {
        Form login = form("/login");
        var r = submit("/login", login.cookie(), "_csrf", login.csrf(), "name", "nobody", "password", "wrong password");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).containsIgnoringCase("wrong account name or password");
    }
}
