package dev.cairn.server.http;

import static dev.cairn.server.http.HtmlPage.escape;

import dev.cairn.protocol.RepoInfo;
import dev.cairn.protocol.SignupRequest;
import dev.cairn.server.account.Account;
import dev.cairn.server.account.AccountService;
import dev.cairn.server.auth.Principal;
import dev.cairn.server.auth.RandomBytes;
import dev.cairn.server.auth.Secrets;
import dev.cairn.server.error.ServiceException;
import dev.cairn.server.storage.RepoRegistry;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The minimal server-rendered web flow (plain forms, no JavaScript): sign-up, login, logout and a dashboard. Forms
 * before login carry a double-submit CSRF token (cookie + hidden field); after login, the session's CSRF token.
 * The full web UI builds on the same services and on {@link SessionCookies}.
 */
final class WebHandlers {
    private static final String PRE_CSRF_COOKIE = "cairn_csrf";
    private final AccountService accounts;
    private final RepoRegistry repos;
    private final SessionCookies cookies;
    private final RandomBytes random;

    WebHandlers(AccountService accounts, RepoRegistry repos, SessionCookies cookies, RandomBytes random) {
        this.accounts = accounts;
        this.repos = repos;
        this.cookies = cookies;
        this.random = random;
    }

    void loginPage(Context ctx) {
        html(ctx, HtmlPage.page("Log in", form("/login", preCsrf(ctx), field("name", "Account name or email", "text",
                "username") + field("password", "Password", "password", "current-password"), "Log in")
                + "<p><a href=\"/signup\">Create an account</a></p>"));
    }

    void signupPage(Context ctx) {
        html(ctx, HtmlPage.page("Create an account", form("/signup", preCsrf(ctx), field("name", "Account name "
                + "(a-z, 0-9, -)", "text", "username") + field("email", "Email", "email", "email")
                + field("password", "Password (at least 10 characters)", "password", "new-password")
                + field("invite", "Invite code (if required)", "text", "off"), "Sign up")));
    }

    void login(Context ctx) {
        checkPreCsrf(ctx);
        Account account = accounts.login(ctx.formParam("name"), ctx.formParam("password"), ctx.ip());
        cookies.start(ctx, account.id());
        ctx.redirect("/", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    void signUp(Context ctx) {
        checkPreCsrf(ctx);
        String invite = ctx.formParam("invite");
        Account account = accounts.signUp(new SignupRequest(ctx.formParam("name"), ctx.formParam("email"),
                ctx.formParam("password"), invite == null || invite.isBlank() ? null : invite));
        cookies.start(ctx, account.id());
        ctx.redirect("/", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    void logout(Context ctx) {
        cookies.end(ctx);
        ctx.redirect("/login", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    void dashboard(Context ctx) {
        Principal p = Requests.principal(ctx);
        Account account = accounts.require(p.accountId());
        StringBuilder rows = new StringBuilder();
        for (RepoInfo r : repos.list(p.accountId())) {
            rows.append("<tr><td>").append(escape(r.name())).append("</td><td>").append(r.storedBytes())
                    .append("</td><td>").append(r.lastWriteAt() == null ? "" : escape(r.lastWriteAt().toString()))
                    .append("</td></tr>");
        }
        String quota = account.quotaBytes() == null ? "unlimited" : account.quotaBytes() + " bytes";
        html(ctx, HtmlPage.page("Dashboard of " + account.name(), "<p>Stored: " + account.storedBytes()
                + " bytes of " + quota + "</p><table><thead><tr><th scope=\"col\">Repository</th><th scope=\"col\">"
                + "Bytes</th><th scope=\"col\">Last write</th></tr></thead><tbody>" + rows + "</tbody></table>"
                + form("/logout", p.csrfToken(), "", "Log out")));
    }

    private String preCsrf(Context ctx) {
        String token = Secrets.newSecret(random, "");
        Cookie cookie = new Cookie(PRE_CSRF_COOKIE, token);
        cookie.setHttpOnly(true);
        cookie.setSameSite(SameSite.STRICT);
        cookie.setPath("/");
        ctx.cookie(cookie);
        return token;
    }

    private static void checkPreCsrf(Context ctx) {
        String cookie = ctx.cookie(PRE_CSRF_COOKIE);
        String field = AccessGuard.isForm(ctx) ? ctx.formParam(AccessGuard.CSRF_FIELD) : null;
        if (cookie == null || field == null || !MessageDigest.isEqual(cookie.getBytes(StandardCharsets.UTF_8),
                field.getBytes(StandardCharsets.UTF_8))) {
            throw new ServiceException(dev.cairn.protocol.ErrorCode.CSRF, "the form expired or was not sent from "
                    + "this site; reload the page and try again");
        }
    }

    private static String form(String action, String csrf, String fields, String submit) {
        return "<form method=\"post\" action=\"" + action + "\"><input type=\"hidden\" name=\"" + AccessGuard.CSRF_FIELD
                + "\" value=\"" + escape(csrf) + "\">" + fields + "<button type=\"submit\">" + escape(submit)
                + "</button></form>";
    }

    private static String field(String name, String label, String type, String autocomplete) {
        return "<p><label for=\"" + name + "\">" + escape(label) + "</label><br><input id=\"" + name + "\" name=\""
                + name + "\" type=\"" + type + "\" autocomplete=\"" + autocomplete + "\"></p>";
    }

    private static void html(Context ctx, String page) {
        ctx.contentType("text/html; charset=utf-8").result(page);
    }
}
