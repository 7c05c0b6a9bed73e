package dev.cairn.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import dev.cairn.protocol.TokenScope;
import dev.cairn.server.TestServer;
import dev.cairn.server.account.AccountStatus;
import dev.cairn.testkit.Restic;
import dev.cairn.testkit.DeterministicRandom;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web UI in a real headless Chromium (Debian's, driven by Playwright) against the real server, with the real
 * Debian restic: sign up, log in, create a token, back up with it, see the repository on the dashboard; revoke a token
 * and see restic refused; a wrong password, a non-admin on the admin page, an admin suspending an account; the basics
 * with JavaScript off; a structural accessibility audit (labels, heading order, landmarks) of every page. One browser
 * for the class, a fresh context (cookies) per test. Elements are found by their accessible role and label, so the
 * tests also check that every control used is labelled.
 */
class WebUiBrowserTest {
    private static final Pattern RESTIC_URL = Pattern.compile("^(rest:\\S+)$");
    @TempDir
    static Path dir;
    static TestServer server;
    static Chromium.Session chrome;
    static Browser browser;
    BrowserContext context;
    Page page;
    /** Console errors and uncaught exceptions of the test's page (CSP violations would show up here). */
    final List<String> problems = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Restic.ensureInstalled();
        server = TestServer.start(dir.resolve("server"));
        chrome = Chromium.launch();
        browser = chrome.browser();
    }

    @AfterAll
    static void stop() throws Exception {
        if (chrome != null) {
            chrome.close();
        }
        server.close();
    }

    @BeforeEach
    void openContext() {
        context = browser.newContext(new Browser.NewContextOptions().setBaseURL(base()));
        page = context.newPage();
        Chromium.watchErrors(page, problems, true);
    }

    @AfterEach
    void closeContext() {
        context.close();
    }

    private static String base() {
        return "http://127.0.0.1:" + server.app().port();
    }

    private void logIn(String name, String password) {
        page.navigate("/login");
        page.getByLabel("Account name or email").fill(name);
        page.getByLabel("Password").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
    }

    /** Creates a token on the tokens page; returns the restic repository URL shown with it. */
    private String createToken(String name) {
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("API tokens")).click();
        page.getByLabel("Name").fill(name);
        page.getByLabel("append").check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create token")).click();
        String token = page.locator("#new-token").textContent().strip();
        assertThat(token).startsWith("cairn_");
        Matcher m = RESTIC_URL.matcher(page.locator("#repository-line").textContent().strip());
        assertThat(m.find()).isTrue();
        assertThat(m.group(1)).contains(":" + token + "@");
        return m.group(1);
    }

    @Test
    void signUpLogInCreateATokenBackUpWithResticAndSeeTheRepository() throws Exception {
        page.navigate("/signup");
        page.getByLabel("Account name").fill("walker");
        page.getByLabel("Email").fill("walker@example.com");
        page.getByLabel("Password").fill("walker-password");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account")).click();
        page.waitForURL(base() + "/");
        assertThat(page.locator("#no-repos").isVisible()).isTrue();
        assertThat(page.evaluate("typeof htmx")).as("htmx loaded under the CSP").isEqualTo("object");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out")).click();
        page.waitForURL("**/login?done=logout");

        logIn("walker", "walker-password");
        page.waitForURL(base() + "/");
        assertThat(page.locator("#account-name").textContent()).isEqualTo("walker");

        String firstUrl = createToken("first");
        Restic first = new Restic(firstUrl, dir.resolve("cache"));
        assertOk(first.run("init"));

        // revoke the first token without a reload (htmx), then let restic try it while the rest of the test runs
        Locator row = page.locator("#tokens tr", new Page.LocatorOptions().setHasText("first"));
        page.onceDialog(dialog -> dialog.accept()); // htmx's hx-confirm asks first
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Revoke token first")).click();
        row.getByText("Revoked").waitFor();
        assertThat(page.url()).doesNotContain("done=revoked"); // swapped in place, no navigation:
        assertThat(page.locator("#new-token").isVisible()).isTrue(); // the create response is still on screen
        Process refused = first.start("snapshots");

        Restic second = new Restic(createToken("second"), dir.resolve("cache"));
        Path source = dir.resolve("source");
        Files.createDirectories(source);
        Files.write(source.resolve("a.bin"), DeterministicRandom.bytes(7, 300_000));
        Files.writeString(source.resolve("b.txt"), "hello from the browser test\n".repeat(500));
        assertOk(second.run("backup", "--host", "browser-test", source.toString()));

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Dashboard")).click();
        page.reload();
        Locator repo = page.locator("#repo-main");
        assertThat(repo.getByRole(AriaRole.HEADING).textContent()).isEqualTo("main");
        long size = Long.parseLong(repo.locator("data").getAttribute("value"));
        assertThat(size).isGreaterThan(300_000);
        assertThat(Integer.parseInt(repo.locator(".snapshots").textContent().strip())).isPositive();
        assertThat(repo.locator("time").first().getAttribute("datetime")).isNotEmpty();

        Restic.Result result = Restic.finish(refused, 240);
        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("401");
        assertThat(problems).as("browser console errors (CSP violations, script errors)").isEmpty();
    }

    @Test
    void wrongPasswordShowsAnError() {
        server.account("mistyped");
        logIn("mistyped", "not-my-password");
        Locator alert = page.getByRole(AriaRole.ALERT);
        assertThat(alert.textContent()).contains("Wrong account name or password.");
        assertThat(page.url()).endsWith("/login");
        assertThat(page.getByLabel("Account name or email").inputValue()).isEqualTo("mistyped");
        assertThat(context.cookies()).noneMatch(c -> c.name.equals("cairn_session"));
    }

    @Test
    void nonAdminGetsTheForbiddenPageForTheAdminPage() {
        server.account("regular");
        logIn("regular", TestServer.password("regular"));
        page.waitForURL(base() + "/");
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Admin")).count()).isZero();
        Response response = page.navigate("/web/admin/accounts");
        assertThat(response.status()).isEqualTo(403);
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)).textContent())
                .isEqualTo("Not allowed");
    }

    @Test
    void adminSuspendsAnAccountAndItCanNoLongerLogIn() {
        server.account("suspect");
        logIn("admin", TestServer.ADMIN_PASSWORD);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Admin")).click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Accounts")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Suspend suspect")).click();
        assertThat(page.getByRole(AriaRole.STATUS).textContent()).contains("suspended").contains("suspect");
        assertThat(page.locator("#account-suspect .status").textContent()).isEqualTo("suspended");
        assertThat(server.core().accounts().require("suspect").status()).isEqualTo(AccountStatus.SUSPENDED);

        try (BrowserContext other = browser.newContext(new Browser.NewContextOptions().setBaseURL(base()))) {
            page = other.newPage();
            logIn("suspect", TestServer.password("suspect"));
            assertThat(page.getByRole(AriaRole.ALERT).textContent()).contains("This account is suspended.");
        }
    }

    @Test
    void theQuotaBarRefreshesItselfWhileTheDashboardIsOpen() throws Exception {
        server.account("watcher");
        server.core().accounts().setQuota("watcher", 10_000L);
        page.clock().install(); // the page's timers run on the test's command, so htmx's 30 s poll needs no waiting
        logIn("watcher", TestServer.password("watcher"));
        page.waitForURL(base() + "/");
        assertThat(page.locator("#quota-used").textContent()).isEqualTo("0 B");
        assertThat(page.locator("#quota-bar").getAttribute("value")).isEqualTo("0");

        String token = server.token("watcher", TokenScope.APPEND);
        var put = server.send(server.request("/api/v1/repos/r/objects/data/" + "ef".repeat(32))
                .header("Authorization", "Bearer " + token)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[2500])).build());
        assertThat(put.statusCode()).as(put.body()).isBetween(200, 299);

        page.clock().runFor(31_000);
        page.locator("#quota-used", new Page.LocatorOptions().setHasText("2.4 KiB")).waitFor();
        assertThat(page.locator("#quota-bar").getAttribute("value")).isEqualTo("25");
        assertThat(page.url()).isEqualTo(base() + "/"); // swapped in place
    }

    @Test
    void theBasicsWorkWithJavaScriptDisabled() {
        context.close();
        context = browser.newContext(new Browser.NewContextOptions().setBaseURL(base()).setJavaScriptEnabled(false));
        page = context.newPage();
        server.account("no-script");
        logIn("no-script", TestServer.password("no-script"));
        page.waitForURL(base() + "/");
        createToken("plain-form");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Revoke token plain-form")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)).textContent())
                .as("without scripts the server asks on a page of its own").contains("Revoke the token plain-form?");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Revoke plain-form")).click();
        page.waitForURL("**/tokens?done=revoked");
        assertThat(page.getByRole(AriaRole.STATUS).textContent()).contains("The token was revoked");
        assertThat(page.locator("#tokens tr", new Page.LocatorOptions().setHasText("plain-form")).textContent())
                .contains("Revoked");
    }

    @Test
    void theAuditFindsWhatItLooksFor() {
        page.setContent("<html><body><h2>no h1</h2><h4>jump</h4><input id='a'><input id='a' aria-describedby='gone'>"
                + "<button></button><table><tr><td><table></table></td></tr></table></body></html>");
        @SuppressWarnings("unchecked")
        List<String> found = (List<String>) page.evaluate(Chromium.AUDIT);
        assertThat(String.join("\n", found)).contains("unlabelled").contains("not exactly one h1")
                .contains("heading jumps h2 to h4").contains("no main").contains("aria-describedby to missing gone")
                .contains("unnamed <button>").contains("duplicate id a").contains("layout table");
    }

    private void assertAccessible(String what) {
        @SuppressWarnings("unchecked")
        List<String> found = (List<String>) page.evaluate(Chromium.AUDIT);
        assertThat(found).as(what + " (" + page.url() + ")").isEmpty();
    }

    @Test
    void everyPageHasLabelledControlsOrderedHeadingsAndLandmarks() {
        page.navigate("/login");
        assertAccessible("login");
        page.navigate("/signup");
        assertAccessible("sign-up");
        page.getByLabel("Account name").fill("Not Valid");
        page.getByLabel("Email").fill("auditor@example.com");
        page.getByLabel("Password").fill("short");
        page.locator("form[action='/signup']").evaluate("f => f.noValidate = true");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account")).click();
        assertThat(page.locator("#name-error").isVisible()).isTrue();
        assertAccessible("sign-up with errors");

        logIn("admin", TestServer.ADMIN_PASSWORD);
        page.waitForURL(base() + "/");
        assertAccessible("dashboard");
        createToken("audit");
        assertAccessible("tokens with a new token");
        for (String path : List.of("/account/password", "/account/delete", "/web/admin/accounts", "/nowhere")) {
            page.navigate(path);
            assertAccessible(path);
        }
        page.navigate("/web/admin/accounts");
        page.locator("#account-admin").getByLabel("Quota override").fill("lots");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save plan and quota of admin")).click();
        assertThat(page.locator("#quota-admin-error").isVisible()).isTrue();
        assertAccessible("admin page with an error");
    }

    @Test
    void keyboardUsersCanSkipToTheMainContent() {
        page.navigate("/login");
        page.keyboard().press("Tab");
        assertThat(page.evaluate("document.activeElement.textContent")).isEqualTo("Skip to main content");
        page.keyboard().press("Enter");
        assertThat(page.evaluate("document.activeElement.id")).isEqualTo("main");
    }

    private static void assertOk(Restic.Result r) {
        assertThat(r.exitCode()).as("restic output:\n%s", r.output()).isZero();
    }
}
