package dev.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.protocol.TokenScope;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The account self-service and admin JSON API: sign-up, sessions with CSRF, tokens, scopes, suspension, admin. */
class AccountApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
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

    private static HttpResponse<String> post(String path, String json, String... headers) throws Exception {
        HttpRequest.Builder b = server.request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return server.send(b.build());
    }

    private static String cookie(HttpResponse<?> r, String name) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .findFirst().orElseThrow();
    }

    @Test
    void signUpThenManageTokensWithTheSessionAndItsCsrfToken() throws Exception {
        var signup = post("/api/v1/signup", "{\"name\":\"fay\",\"email\":\"fay@example.com\","
                + "\"password\":\"fay's long password\"}");
        assertThat(signup.statusCode()).as(signup.body()).isEqualTo(201);
        assertThat(signup.body()).contains("\"name\":\"fay\"").doesNotContain("password");

        var login = post("/api/v1/session", "{\"name\":\"fay\",\"password\":\"fay's long password\"}");
        assertThat(login.statusCode()).isEqualTo(200);
        String setCookie = cookie(login, "cairn_session");
        assertThat(setCookie).contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure");
        String session = setCookie.substring(0, setCookie.indexOf(';'));
        String csrf = JSON.readTree(login.body()).get("csrfToken").asText();

        var noCsrf = post("/api/v1/account/tokens", "{\"name\":\"laptop\",\"scope\":\"append\"}", "Cookie", session);
        assertThat(noCsrf.statusCode()).isEqualTo(403);
        assertThat(noCsrf.body()).contains("\"code\":\"csrf\"");

        var created = post("/api/v1/account/tokens", "{\"name\":\"laptop\",\"scope\":\"append\"}", "Cookie", session,
                "X-CSRF-Token", csrf);
        assertThat(created.statusCode()).isEqualTo(201);
        String token = JSON.readTree(created.body()).get("token").asText();
        assertThat(token).startsWith("cairn_");

        var list = server.send(server.request("/api/v1/account/tokens").header("Cookie", session).build());
        assertThat(list.body()).contains("laptop").doesNotContain(token);

        var appendCannotManage = server.send(server.request("/api/v1/account/tokens")
                .header("Authorization", "Bearer " + token).build());
        assertThat(appendCannotManage.statusCode()).isEqualTo(403);

        var logout = server.send(server.request("/api/v1/session").header("Cookie", session)
                .header("X-CSRF-Token", csrf).DELETE().build());
        assertThat(logout.statusCode()).isEqualTo(204);
        assertThat(server.send(server.request("/api/v1/account").header("Cookie", session).build()).statusCode())
                .isEqualTo(401);
    }

    @Test
    void passwordWorksForTheAccountApiAndAWrongOneIsThrottledPerAccount() throws Exception {
        server.account("gus");
        var me = server.send(server.request("/api/v1/account")
                .header("Authorization", TestServer.basic("gus", TestServer.password("gus"))).build());
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"status\":\"active\"");
        HttpResponse<String> last = null;
        for (int i = 0; i < 6; i++) {
            last = server.send(server.request("/api/v1/account")
                    .header("Authorization", TestServer.basic("gus", "not the password")).build());
        }
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.headers().firstValue("Retry-After")).isPresent();
        assertThat(last.body()).contains("retryAfterSeconds");
    }

    @Test
    void suspendedAccountsTokensStopWorkingAndAdminsManageAccounts() throws Exception {
        server.account("hal");
        String token = server.token("hal", TokenScope.FULL);
        String admin = TestServer.basic("admin", TestServer.ADMIN_PASSWORD);
        var notAdmin = server.send(server.request("/api/v1/admin/accounts")
                .header("Authorization", "Bearer " + token).build());
        assertThat(notAdmin.statusCode()).isEqualTo(403);

        var suspend = server.send(server.request("/api/v1/admin/accounts/hal/suspend").header("Authorization", admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\": \"three invoices unpaid\"}")).build());
        assertThat(suspend.statusCode()).as(suspend.body()).isEqualTo(200);
        var refused = server.send(server.request("/api/v1/repos").header("Authorization", "Bearer " + token).build());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("account-suspended").contains("three invoices unpaid");
        var restic = server.send(server.request("/hal/laptop/config").header("Authorization",
                TestServer.basic("hal", token)).build());
        assertThat(restic.statusCode()).isEqualTo(403);
        assertThat(restic.body()).as("restic's status line carries it; the body too").contains("three invoices unpaid");
        assertThat(restic.headers().firstValue(dev.cairn.server.http.ReasonPhrasesAccess.HEADER)).as("never sent")
                .isEmpty();

        server.send(server.request("/api/v1/admin/accounts/hal/unsuspend").header("Authorization", admin)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        var quota = server.send(server.request("/api/v1/admin/accounts/hal/quota").header("Authorization", admin)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"quotaBytes\": 5000}")).build());
        JsonNode info = JSON.readTree(quota.body());
        assertThat(info.get("quotaBytes").asLong()).isEqualTo(5000);
        var list = server.send(server.request("/api/v1/admin/accounts").header("Authorization", admin).build());
        assertThat(list.body()).contains("\"name\":\"hal\"");
    }

    @Test
    void adminCanCloseSignUp() throws Exception {
        String admin = TestServer.basic("admin", TestServer.ADMIN_PASSWORD);
        var closed = server.send(server.request("/api/v1/admin/settings").header("Authorization", admin)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"signup\":\"closed\"}")).build());
        assertThat(closed.statusCode()).isEqualTo(200);
        try {
            var refused = post("/api/v1/signup", "{\"name\":\"ivy\",\"email\":\"ivy@example.com\","
                    + "\"password\":\"ivy's long password\"}");
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("signup-closed");
        } finally {
            server.core().accounts().setSignupMode(dev.cairn.server.account.SignupMode.OPEN);
        }
    }

    @Test
    void accountDeletionRevokesAccessAtOnce() throws Exception {
        server.account("jo");
        String token = server.token("jo", TokenScope.FULL);
        var delete = server.send(server.request("/api/v1/account").header("Authorization", "Bearer " + token)
                .DELETE().build());
        assertThat(delete.statusCode()).isEqualTo(202);
        assertThat(delete.body()).contains("\"status\":\"deleted\"");
        var after = server.send(server.request("/api/v1/repos").header("Authorization", "Bearer " + token).build());
        assertThat(after.statusCode()).isEqualTo(401);
    }
}
