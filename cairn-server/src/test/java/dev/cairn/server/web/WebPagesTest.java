package dev.cairn.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.protocol.TokenScope;
import dev.cairn.server.TestServer;
import dev.cairn.server.account.AccountStatus;
import dev.cairn.server.account.SignupMode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pages without JavaScript: plain forms, redirect-after-POST, messages tied to fields. */
class WebPagesTest {
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

    private static WebClient signedIn(String name) throws Exception {
        WebClient web = new WebClient(server);
        var r = web.signUp(name, name + "-password");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        return web;
    }

    @Nested
    class SignUpAndLogin {
        @Test
        void signUpStartsASessionAndRedirectsToTheDashboard() throws Exception {
            WebClient web = new WebClient(server);
            var r = web.signUp("newcomer", "newcomer-password");
            assertThat(r.statusCode()).isEqualTo(303);
            assertThat(r.headers().firstValue("Location")).hasValue("/");
            var dashboard = web.get("/");
            assertThat(dashboard.statusCode()).isEqualTo(200);
            assertThat(dashboard.body()).contains("Signed in as <strong id=\"account-name\">newcomer</strong>")
                    .contains("id=\"no-repos\"");
        }

        @Test
        void invalidSignUpKeepsTheValuesAndTiesEachMessageToItsField() throws Exception {
            WebClient web = new WebClient(server);
            web.get("/signup");
            var r = web.post("/signup", "name", "Bad Name", "email", "not-an-email", "password", "short");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("value=\"Bad Name\"").contains("id=\"name-error\"")
                    .contains("id=\"email-error\"").contains("id=\"password-error\"")
                    .contains("aria-describedby=\"email-error\"").contains("aria-invalid=\"true\"")
                    .doesNotContain("value=\"short\"");
        }

        @Test
        void takenNameIsReportedOnTheNameField() throws Exception {
            server.account("taken-name");
            WebClient web = new WebClient(server);
            var r = web.signUp("taken-name", "some-password");
            assertThat(r.statusCode()).isEqualTo(409);
            assertThat(r.body()).contains("id=\"name-error\"").contains("already taken");
        }

        @Test
        void signUpHonoursInviteOnlyAndClosedModes() throws Exception {
            try {
                server.core().accounts().setSignupMode(SignupMode.INVITE);
                WebClient web = new WebClient(server);
                assertThat(web.get("/signup").body()).contains("id=\"signup-invite\"").contains("id=\"invite\"");
                var noInvite = web.post("/signup", "name", "no-invite", "email", "ni@example.com",
                        "password", "no-invite-password");
                assertThat(noInvite.statusCode()).isEqualTo(400);
                assertThat(noInvite.body()).contains("id=\"invite-error\"");
                web.get("/signup");
                var badInvite = web.post("/signup", "name", "bad-invite", "email", "bi@example.com",
                        "password", "bad-invite-password", "invite", "inv_wrong");
                assertThat(badInvite.statusCode()).isEqualTo(403);
                assertThat(badInvite.body()).contains("invite code is unknown");
                String code = server.core().accounts().createInvite();
                web.get("/signup");
                var invited = web.post("/signup", "name", "invited", "email", "inv@example.com",
                        "password", "invited-password", "invite", code);
                assertThat(invited.statusCode()).isEqualTo(303);

                server.core().accounts().setSignupMode(SignupMode.CLOSED);
                WebClient closed = new WebClient(server);
                var page = closed.get("/signup");
                assertThat(page.body()).contains("id=\"signup-closed\"").doesNotContain("action=\"/signup\"");
                assertThat(closed.get("/login").body()).doesNotContain("href=\"/signup\"");
                var post = closed.postRaw("/signup", Map.of("name", "closed-out", "email", "co@example.com",
                        "password", "closed-out-password", "_csrf", "x"), Map.of("Cookie", "cairn_csrf=x"));
                assertThat(post.statusCode()).isEqualTo(403);
                assertThat(server.core().accounts().find("closed-out")).isEmpty();
            } finally {
                server.core().accounts().setSignupMode(SignupMode.OPEN);
            }
        }

        @Test
        void wrongPasswordShowsAnErrorWithoutSayingWhichPartWasWrong() throws Exception {
            server.account("forgetful");
            WebClient web = new WebClient(server);
            var r = web.logIn("forgetful", "not-the-password");
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.body()).contains("role=\"alert\"").contains("Wrong account name or password.")
                    .contains("value=\"forgetful\"");
            assertThat(web.cookie("cairn_session")).isEmpty();
            assertThat(web.logIn("forgetful", TestServer.password("forgetful")).statusCode()).isEqualTo(303);
        }

        @Test
        void repeatedFailuresShowTheThrottlingMessage(@TempDir Path own) throws Exception {
            // a server of its own: the throttle also counts failures per client address, and every test is 127.0.0.1
            try (TestServer alone = TestServer.start(own)) {
                alone.account("hammered");
                WebClient web = new WebClient(alone);
                HttpResponse<String> r = null;
                for (int i = 0; i < 8 && (r == null || r.statusCode() != 429); i++) {
                    r = web.logIn("hammered", "wrong-password-" + i);
                }
                assertThat(r.statusCode()).isEqualTo(429);
                assertThat(r.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v))
                        .isBetween(1L, 300L));
                assertThat(web.lastPage()).contains("Too many failed login attempts. Wait 5 minutes and try again.");
                assertThat(web.logIn("hammered", TestServer.password("hammered")).statusCode()).isEqualTo(429);
            }
        }

        @Test
        void logoutEndsTheSession() throws Exception {
            WebClient web = signedIn("leaver");
            web.get("/");
            var r = web.post("/logout");
            assertThat(r.statusCode()).isEqualTo(303);
            assertThat(r.headers().firstValue("Location")).hasValue("/login?done=logout");
            var after = web.get("/");
            assertThat(after.statusCode()).isEqualTo(302);
            assertThat(after.headers().firstValue("Location")).hasValue("/login");
        }

        @Test
        void suspendedAccountSeesWhyItCannotLogIn() throws Exception {
            server.account("on-hold");
            server.core().accounts().suspend("on-hold", null);
            var r = new WebClient(server).logIn("on-hold", TestServer.password("on-hold"));
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.body()).contains("This account is suspended.");
        }
    }

    @Nested
    class Tokens {
        @Test
        void createdTokenIsShownOnceWithTheResticCommandAndWorks() throws Exception {
            WebClient web = signedIn("token-user");
            web.get("/tokens");
            var r = web.post("/tokens", "name", "laptop", "scope", "append", "expires", "");
            assertThat(r.statusCode()).isEqualTo(200);
            String token = r.body().replaceAll("(?s).*<code id=\"new-token\">([^<]+)</code>.*", "$1");
            assertThat(token).startsWith("cairn_");
            int port = server.app().port();
            assertThat(r.body()).contains("<code id=\"repository-line\">rest:http://token-user:" + token + "@127.0.0.1:"
                    + port + "/token-user/main/</code>").contains("restic --repository-file ~/.config/restic/main.repo init");
            var config = server.send(server.request("/token-user/main/config")
                    .header("Authorization", TestServer.basic("token-user", token)).build());
            assertThat(config.statusCode()).isEqualTo(404); // authenticated; the repository just does not exist yet

            var list = web.get("/tokens");
            assertThat(list.body()).contains("<th scope=\"row\">laptop</th>").contains("<td data-label=\"Scope\">append</td>")
                    .doesNotContain(token);
        }

        @Test
        void expiryDateIsValidatedAndStoredAsTheEndOfThatDay() throws Exception {
            WebClient web = signedIn("expiry-user");
            web.get("/tokens");
            var past = web.post("/tokens", "name", "old", "scope", "read", "expires", "2001-01-01");
            assertThat(past.statusCode()).isEqualTo(400);
            assertThat(past.body()).contains("id=\"expires-error\"").contains("in the past");
            var garbage = web.post("/tokens", "name", "old", "scope", "root", "expires", "soon");
            assertThat(garbage.body()).contains("id=\"expires-error\"").contains("id=\"scope-error\"");
            var ok = web.post("/tokens", "name", "dated", "scope", "read", "expires", "2999-12-31");
            assertThat(ok.statusCode()).isEqualTo(200);
            long id = server.core().accounts().require("expiry-user").id();
            assertThat(server.core().tokens().list(id)).singleElement().satisfies(t -> assertThat(
                    t.expiresAt()).hasToString("3000-01-01T00:00:00Z"));
            assertThat(web.get("/tokens").body()).contains("2999-12-31 (end of day)");
        }

        @Test
        void revokeByPlainFormRedirectsAndTheTokenStopsWorking() throws Exception {
            WebClient web = signedIn("revoker");
            String secret = server.token("revoker", TokenScope.READ);
            long tokenId = server.core().tokens().list(server.core().accounts().require("revoker").id()).getFirst().id();
            web.get("/tokens");
            var asked = web.post("/tokens/" + tokenId + "/revoke");
            assertThat(asked.statusCode()).as("without confirmed=yes the server asks first").isEqualTo(200);
            assertThat(asked.body()).contains("Revoke the token").contains("name=\"confirmed\" value=\"yes\"");
            assertThat(server.core().tokens().list(server.core().accounts().require("revoker").id()).getFirst()
                    .revokedAt()).isNull();
            var r = web.post("/tokens/" + tokenId + "/revoke", "confirmed", "yes");
            assertThat(r.statusCode()).isEqualTo(303);
            assertThat(r.headers().firstValue("Location")).hasValue("/tokens?done=revoked");
            assertThat(web.get("/tokens?done=revoked").body()).contains("The token was revoked").contains(">Revoked</span>");
            var refused = server.send(server.request("/revoker/main/config")
                    .header("Authorization", TestServer.basic("revoker", secret)).build());
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.body()).contains("token-revoked");
        }

        @Test
        void revokeThroughHtmxAnswersWithTheUpdatedRowOnly() throws Exception {
            WebClient web = signedIn("htmx-revoker");
            server.token("htmx-revoker", TokenScope.FULL);
            long tokenId = server.core().tokens().list(server.core().accounts().require("htmx-revoker").id())
                    .getFirst().id();
            web.get("/tokens");
            var r = web.postRaw("/tokens/" + tokenId + "/revoke", Map.of("_csrf", web.csrf().orElseThrow(),
                    "confirmed", "yes"), Map.of("HX-Request", "true"));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body().strip()).startsWith("<tr id=\"token-" + tokenId + "\">").contains("Revoked")
                    .doesNotContain("<html");
        }

        @Test
        void anotherAccountsTokenCannotBeRevoked() throws Exception {
            server.account("token-owner");
            server.token("token-owner", TokenScope.FULL);
            long foreign = server.core().tokens().list(server.core().accounts().require("token-owner").id())
                    .getFirst().id();
            WebClient web = signedIn("token-thief");
            web.get("/tokens");
            var r = web.post("/tokens/" + foreign + "/revoke", "confirmed", "yes");
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(server.core().tokens().list(server.core().accounts().require("token-owner").id())
                    .getFirst().revokedAt()).isNull();
        }
    }

    @Nested
    class Dashboard {
        @Test
        void showsRepositoriesWithSizeAndLastWriteAndAnAccessibleQuotaBar() throws Exception {
            WebClient web = signedIn("dash-user");
            server.core().accounts().setQuota("dash-user", 1000L);
            String token = server.token("dash-user", TokenScope.FULL);
            var put = server.send(server.request("/api/v1/repos/photos/objects/data/" + "ab".repeat(32))
                    .header("Authorization", "Bearer " + token)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[250])).build());
            assertThat(put.statusCode()).as(put.body()).isBetween(200, 299);

            var page = web.get("/");
            assertThat(page.body()).contains("<a href=\"/repositories/photos\">photos</a>").contains("<data value=\"250\"")
                    .contains("<time datetime=\"").contains("<progress id=\"quota-bar\" max=\"100\" value=\"25\"")
                    .contains("<label for=\"quota-bar\">Used <span id=\"quota-used\">250 B</span> of "
                            + "<span id=\"quota-limit\">1000 B</span> (25%)</label>")
                    .contains("hx-get=\"/dashboard/quota\"");
            var fragment = web.get("/dashboard/quota");
            assertThat(fragment.body().strip()).startsWith("<div id=\"quota\"").doesNotContain("<html");
        }

        @Test
        void fullQuotaSaysWhatToDo() throws Exception {
            WebClient web = signedIn("full-user");
            server.core().accounts().setQuota("full-user", 0L);
            assertThat(web.get("/").body()).contains("Your quota is full").contains("value=\"100\"");
        }
    }

    @Nested
    class OwnAccount {
        @Test
        void passwordChangeNeedsTheCurrentPasswordAndKeepsThisBrowserSignedIn() throws Exception {
            WebClient web = signedIn("changer");
            WebClient other = new WebClient(server);
            other.logIn("changer", "changer-password");
            web.get("/account/password");
            var wrong = web.post("/account/password", "current", "nope-nope-nope", "password", "new-password-1",
                    "confirm", "new-password-1");
            assertThat(wrong.statusCode()).isEqualTo(400);
            assertThat(wrong.body()).contains("id=\"current-error\"");
            var mismatch = web.post("/account/password", "current", "changer-password", "password",
                    "new-password-1", "confirm", "new-password-2");
            assertThat(mismatch.body()).contains("id=\"confirm-error\"");
            var ok = web.post("/account/password", "current", "changer-password", "password", "new-password-1",
                    "confirm", "new-password-1");
            assertThat(ok.statusCode()).isEqualTo(303);
            assertThat(ok.headers().firstValue("Location")).hasValue("/?done=password");
            assertThat(web.get("/?done=password").body()).contains("Your password was changed");
            assertThat(other.get("/").statusCode()).isEqualTo(302);
            assertThat(new WebClient(server).logIn("changer", "new-password-1").statusCode()).isEqualTo(303);
        }

        @Test
        void guessingTheCurrentPasswordIsThrottledLikeLogins() throws Exception {
            WebClient web = signedIn("guesser");
            web.get("/account/password");
            String page = "";
            for (int i = 0; i < 7 && !page.contains("Too many wrong passwords"); i++) {
                page = web.post("/account/password", "current", "guess-number-" + i, "password", "new-password-1",
                        "confirm", "new-password-1").body();
            }
            assertThat(page).contains("Too many wrong passwords");
            var right = web.post("/account/password", "current", "guesser-password", "password", "new-password-1",
                    "confirm", "new-password-1");
            assertThat(right.statusCode()).as("locked out even with the right password").isEqualTo(400);
            assertThat(new WebClient(server).logIn("guesser", "guesser-password").statusCode()).isEqualTo(429);
        }

        @Test
        void deletionExplainsTheGracePeriodAndNeedsNameAndPassword() throws Exception {
            WebClient web = signedIn("quitter");
            String token = server.token("quitter", TokenScope.FULL);
            var page = web.get("/account/delete");
            assertThat(page.body()).contains("grace period of <strong>7 days</strong>").contains("id=\"confirm-hint\"");
            var wrongName = web.post("/account/delete", "confirm", "someone-else", "password", "quitter-password");
            assertThat(wrongName.statusCode()).isEqualTo(400);
            assertThat(wrongName.body()).contains("id=\"confirm-error\"");
            var wrongPassword = web.post("/account/delete", "confirm", "quitter", "password", "wrong-password");
            assertThat(wrongPassword.body()).contains("id=\"password-error\"");
            assertThat(server.core().accounts().require("quitter").isActive()).isTrue();

            var done = web.post("/account/delete", "confirm", "quitter", "password", "quitter-password");
            assertThat(done.statusCode()).isEqualTo(200);
            assertThat(done.body()).contains("Account deleted").contains("removed for good after");
            assertThat(server.core().accounts().require("quitter").status()).isEqualTo(AccountStatus.DELETED);
            assertThat(web.get("/").statusCode()).isEqualTo(302);
            var refused = server.send(server.request("/quitter/main/config")
                    .header("Authorization", TestServer.basic("quitter", token)).build());
            assertThat(refused.statusCode()).isEqualTo(401);
        }
    }

    @Nested
    class Admin {
        @Test
        void nonAdminGetsTheForbiddenPage() throws Exception {
            WebClient web = signedIn("not-admin");
            var r = web.get("/web/admin/accounts");
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.body()).contains("<h1>Not allowed</h1>").contains("administrator");
            web.get("/");
            var post = web.post("/web/admin/accounts/not-admin/quota", "quota", "1TB");
            assertThat(post.statusCode()).isEqualTo(403);
            assertThat(web.get("/").body()).doesNotContain("href=\"/web/admin/accounts\"");
        }

        @Test
        void adminSuspendsAndUnsuspendsAnAccount() throws Exception {
            server.account("troublemaker");
            WebClient troublemaker = new WebClient(server);
            troublemaker.logIn("troublemaker", TestServer.password("troublemaker"));
            WebClient admin = new WebClient(server);
            admin.logIn("admin", TestServer.ADMIN_PASSWORD);
            assertThat(admin.get("/").body()).contains("href=\"/web/admin\"");
            admin.get("/web/admin/accounts");
            var r = admin.post("/web/admin/accounts/troublemaker/suspend");
            assertThat(r.statusCode()).isEqualTo(303);
            assertThat(admin.get(r.headers().firstValue("Location").orElseThrow()).body())
                    .contains("The account was suspended").contains("(troublemaker)");
            assertThat(server.core().accounts().require("troublemaker").status()).isEqualTo(AccountStatus.SUSPENDED);
            assertThat(troublemaker.get("/").statusCode()).isNotEqualTo(200);

            var back = admin.post("/web/admin/accounts/troublemaker/unsuspend");
            assertThat(back.statusCode()).isEqualTo(303);
            assertThat(server.core().accounts().require("troublemaker").isActive()).isTrue();
        }

        @Test
        void adminCannotSuspendThemselves() throws Exception {
            WebClient admin = new WebClient(server);
            admin.logIn("admin", TestServer.ADMIN_PASSWORD);
            admin.get("/web/admin/accounts");
            assertThat(admin.post("/web/admin/accounts/admin/suspend").statusCode()).isEqualTo(403);
            assertThat(server.core().accounts().require("admin").isActive()).isTrue();
        }

        @Test
        void adminSetsQuotaAndPlanWithErrorsOnTheRightField() throws Exception {
            server.account("customer");
            server.core().accounts().definePlan("pro", 5_000_000_000L);
            WebClient admin = new WebClient(server);
            admin.logIn("admin", TestServer.ADMIN_PASSWORD);
            admin.get("/web/admin/accounts");
            var bad = admin.post("/web/admin/accounts/customer/quota", "plan", "", "quota", "lots");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("id=\"quota-customer-error\"")
                    .contains("aria-describedby=\"quota-customer-hint quota-customer-error\"");
            var noPlan = admin.post("/web/admin/accounts/customer/quota", "plan", "platinum", "quota", "");
            assertThat(noPlan.body()).contains("id=\"plan-customer-error\"").contains("no plan 'platinum'");

            var ok = admin.post("/web/admin/accounts/customer/quota", "plan", "pro", "quota", "2GiB");
            assertThat(ok.statusCode()).isEqualTo(303);
            var customer = server.core().accounts().require("customer");
            assertThat(customer.plan()).isEqualTo("pro");
            assertThat(customer.quotaBytes()).isEqualTo(2L << 30);
            admin.get("/web/admin/accounts");
            assertThat(admin.post("/web/admin/accounts/customer/quota", "plan", "pro", "quota", "").statusCode())
                    .isEqualTo(303);
            assertThat(server.core().accounts().require("customer").quotaBytes()).as("empty keeps the override")
                    .isEqualTo(2L << 30);
            admin.get("/web/admin/accounts");
            assertThat(admin.post("/web/admin/accounts/customer/quota", "plan", "pro", "quota", "plan").statusCode())
                    .isEqualTo(303);
            assertThat(server.core().accounts().require("customer").quotaBytes()).isEqualTo(5_000_000_000L);
        }

        @Test
        void adminSetsTheSignUpMode() throws Exception {
            WebClient admin = new WebClient(server);
            admin.logIn("admin", TestServer.ADMIN_PASSWORD);
            try {
                admin.get("/web/admin/accounts");
                assertThat(admin.post("/web/admin/signup", "mode", "invite").statusCode()).isEqualTo(303);
                assertThat(server.core().accounts().signupMode()).isEqualTo(SignupMode.INVITE);
                assertThat(admin.get("/web/admin/accounts").body()).contains("<option value=\"invite\" selected>");
                assertThat(admin.post("/web/admin/signup", "mode", "anyone").statusCode()).isEqualTo(400);
            } finally {
                server.core().accounts().setSignupMode(SignupMode.OPEN);
            }
        }

        @Test
        void adminCreatesAnInviteCodeThatWorksOnce() throws Exception {
            WebClient admin = new WebClient(server);
            admin.logIn("admin", TestServer.ADMIN_PASSWORD);
            try {
                server.core().accounts().setSignupMode(SignupMode.INVITE);
                admin.get("/web/admin/accounts");
                var r = admin.post("/web/admin/invites");
                assertThat(r.statusCode()).isEqualTo(200);
                String code = r.body().replaceAll("(?s).*<code id=\"new-invite\">([^<]+)</code>.*", "$1");
                assertThat(code).startsWith("inv_");
                assertThat(admin.get("/web/admin/accounts").body()).doesNotContain(code);

                WebClient first = new WebClient(server);
                first.get("/signup");
                assertThat(first.post("/signup", "name", "invitee", "email", "invitee@example.com", "password",
                        "invitee-password", "invite", code).statusCode()).isEqualTo(303);
                WebClient second = new WebClient(server);
                second.get("/signup");
                assertThat(second.post("/signup", "name", "invitee-2", "email", "invitee2@example.com", "password",
                        "invitee-password", "invite", code).statusCode()).isEqualTo(403);
            } finally {
                server.core().accounts().setSignupMode(SignupMode.OPEN);
            }
        }

        @Test
        void adminPageRefusesHttpBasicSoCachedCredentialsCannotBeReplayedCrossSite() throws Exception {
            var r = server.send(server.request("/web/admin/accounts").header("Accept", "text/html")
                    .header("Authorization", TestServer.basic("admin", TestServer.ADMIN_PASSWORD)).build());
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.body()).contains("need a web session");
        }
    }
}
