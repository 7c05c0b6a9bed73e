package dev.cairn.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.cairn.protocol.TokenScope;
import dev.cairn.server.TestServer;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backup health at a glance, in the Debian chromium against the real server: the dashboard warns about a repository
 * whose writes the quota refuses and one where nothing arrived for days; the repository page lists objects by kind and
 * deletes only after the name is typed again and the password given; the tokens page copies the repository line and
 * revokes only after a confirmation; the administrator creates a plan and an account (a refused form keeps what was
 * typed), sets an unlimited quota and suspends with a reason that the account's owner then sees. Every page is
 * checked for sideways scrolling at 390 px, and screenshot at 1280 and 390 px with {@code -Dcairn.screenshots=DIR}.
 */
class BackupHealthBrowserTest {
    private static final int QUOTA = 300_000;
    @TempDir
    static Path dir;
    static TestServer server;
    static Chromium.Session chrome;
    static Browser browser;
    BrowserContext context;
    Page page;
    final List<String> problems = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dir.resolve("server"));
        server.account("dana");
        server.core().accounts().setQuota("dana", (long) QUOTA);
        String full = server.token("dana", TokenScope.FULL);
        put(full, "laptop", "snapshots", "laptop snapshot".getBytes(), 201);
        put(full, "laptop", "data", new byte[40_000], 201);
        put(full, "nas", "snapshots", "nas snapshot".getBytes(), 201);
        put(full, "spare", "snapshots", "spare snapshot".getBytes(), 201);
        put(full, "photos", "data", new byte[100_000], 201);
        put(full, "photos", "data", new byte[250_000], 507); // past the quota: refused, and remembered
        ageSnapshotsOf("nas", Duration.ofDays(5));
        server.core().usageHistory().sample();
        chrome = Chromium.launch();
        browser = chrome.browser();
    }

    /** Uploads through the native API an object named by its SHA-256. */
    private static void put(String token, String repo, String kind, byte[] body, int status) throws Exception {
        String id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        var r = server.send(server.request("/api/v1/repos/" + repo + "/objects/" + kind + "/" + id)
                .header("Authorization", "Bearer " + token).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    }

    /** Makes the repository's snapshots look as if they arrived {@code age} ago (the local store's arrival time). */
    private static void ageSnapshotsOf(String repo, Duration age) throws Exception {
        try (Stream<Path> files = Files.walk(dir.resolve("server"))) {
            List<Path> snapshots = files.filter(f -> f.toString().contains("/" + repo + "/snapshots/"))
                    .filter(Files::isRegularFile).toList();
            assertThat(snapshots).as("the stored snapshot of " + repo).isNotEmpty();
            for (Path f : snapshots) {
                Files.setLastModifiedTime(f, FileTime.from(Instant.now().minus(age)));
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (chrome != null) {
            chrome.close();
        }
        server.close();
    }

    @BeforeEach
    void open() {
        context = browser.newContext(new Browser.NewContextOptions().setBaseURL(base()));
        page = context.newPage();
        Chromium.watchErrors(page, problems, true);
    }

    @AfterEach
    void close() {
        context.close();
        assertThat(problems).isEmpty();
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

    /**
     * Checks that nothing on the page is wider than a 390 px phone; with {@code -Dcairn.screenshots=DIR} also takes
     * full-page screenshots at 1280 and 390 px (left out otherwise: they cost seconds per page).
     */
    private void shoot(String name) {
        String dirName = System.getProperty("cairn.screenshots");
        Path out = dirName == null ? null : Path.of(dirName);
        if (out != null) {
            page.setViewportSize(1280, 800);
            page.screenshot(new Page.ScreenshotOptions().setPath(out.resolve(name + "-1280.png")).setFullPage(true));
        }
        page.setViewportSize(390, 844);
        if (out != null) {
            page.screenshot(new Page.ScreenshotOptions().setPath(out.resolve(name + "-390.png")).setFullPage(true));
        }
        Object overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
        assertThat(((Number) overflow).intValue()).as("%s scrolls sideways at 390 px", name).isLessThanOrEqualTo(0);
        page.setViewportSize(1280, 800);
    }

    @SuppressWarnings("unchecked")
    private void assertAccessible() {
        assertThat((List<String>) page.evaluate(Chromium.AUDIT)).as(page.url()).isEmpty();
    }

    @Test
    void theDashboardWarnsAboutRefusedWritesAndSilentRepositories() {
        logIn("dana", TestServer.password("dana"));
        page.waitForURL(base() + "/");
        var warnings = page.locator("#repo-warnings");
        assertThat(warnings.getAttribute("role")).isEqualTo("alert");
        assertThat(page.locator("#warning-photos").textContent()).contains("Writes are refused")
                .contains("quota is full").contains("1 refused");
        assertThat(page.locator("#warning-nas").textContent()).contains("Nothing arrived for 5 days");
        assertThat(page.locator("#warning-laptop").count()).as("a healthy repository raises nothing").isZero();
        assertThat(page.locator("#repo-laptop .snapshots").textContent()).isEqualTo("1");
        assertThat(page.locator("#repo-laptop .last-snapshot").textContent()).contains("just now");
        assertThat(page.locator("#repo-laptop svg.sparkline path").count()).isEqualTo(1);
        assertThat(page.locator("#encryption-note").textContent()).contains("encrypted on your machine");
        assertThat(page.locator("footer").textContent()).doesNotContain("encrypted");
        assertAccessible();
        shoot("health-dashboard");
    }

    @Test
    void theRepositoryPageListsKindsAndDeletesOnlyAfterConfirmation() {
        logIn("dana", TestServer.password("dana"));
        page.navigate("/repositories/nas");
        assertThat(page.locator("#kind-snapshots .count").textContent()).isEqualTo("1");
        assertThat(page.locator("#kind-data .count").textContent()).isEqualTo("0");
        assertThat(page.locator("#repo-warning").textContent()).contains("Nothing arrived for 5 days");
        assertThat(page.locator("svg#repo-chart").isVisible()).isTrue();
        assertAccessible();
        shoot("health-repository");
        page.navigate("/repositories/spare");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Delete spare…")).click();
        page.getByLabel("Repository name").fill("laptop");
        page.getByLabel("Password").fill(TestServer.password("dana"));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete spare for good")).click();
        assertThat(page.locator("#confirm-error").textContent()).contains("Type the repository's name, spare");
        assertThat(page.getByLabel("Repository name").inputValue()).as("the typed text is kept").isEqualTo("laptop");
        assertThat(server.core().repos().exists(server.core().accounts().require("dana").id(), "spare")).isTrue();
        shoot("health-repository-delete");
        page.getByLabel("Repository name").fill("spare");
        page.getByLabel("Password").fill(TestServer.password("dana"));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete spare for good")).click();
        page.waitForURL(base() + "/?done=repo-deleted");
        assertThat(page.getByRole(AriaRole.STATUS).textContent()).contains("The repository was deleted");
        assertThat(page.locator("#repo-spare").count()).isZero();
        assertThat(server.core().repos().exists(server.core().accounts().require("dana").id(), "spare")).isFalse();
    }

    @Test
    void theTokensPageCopiesTheRepositoryLineAndRevokesOnlyWhenConfirmed() {
        context.grantPermissions(List.of("clipboard-read", "clipboard-write"));
        logIn("dana", TestServer.password("dana"));
        page.navigate("/tokens");
        page.getByLabel("Name").fill("nas-backup");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create token")).click();
        String token = page.locator("#new-token").textContent().strip();
        String line = page.locator("#repository-line").textContent().strip();
        assertThat(line).startsWith("rest:http://dana:" + token + "@").endsWith("/dana/main/");
        String commands = page.locator("#restic-commands").textContent();
        assertThat(commands).contains("restic --repository-file ~/.config/restic/main.repo init")
                .contains("restic --repository-file ~/.config/restic/main.repo backup")
                .contains("restic --repository-file ~/.config/restic/main.repo snapshots").doesNotContain(token);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Copy the repository line")).click();
        assertThat(page.evaluate("() => navigator.clipboard.readText()")).isEqualTo(line);
        assertAccessible();
        shoot("health-tokens");
        page.setViewportSize(390, 844);
        var revokeOnPhone = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Revoke token nas-backup"))
                .boundingBox();
        assertThat(revokeOnPhone.x + revokeOnPhone.width).as("Revoke is on a phone's screen, not beyond a sideways scroll")
                .isLessThanOrEqualTo(390);
        page.setViewportSize(1280, 800);

        AtomicReference<String> asked = new AtomicReference<>();
        page.onceDialog(d -> {
            asked.set(d.message());
            d.dismiss();
        });
        var revoke = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Revoke token nas-backup"));
        revoke.click();
        assertThat(asked.get()).contains("Revoke the token nas-backup?");
        long dana = server.core().accounts().require("dana").id();
        assertThat(server.core().tokens().list(dana).stream().filter(t -> t.name().equals("nas-backup"))
                .findFirst().orElseThrow().revokedAt()).as("dismissed: nothing revoked").isNull();
        page.onceDialog(d -> d.accept());
        revoke.click();
        page.locator("#tokens tr:has-text('nas-backup') .status").waitFor();
        assertThat(page.locator("#tokens tr:has-text('nas-backup') .status").textContent()).isEqualTo("Revoked");
        assertThat(server.core().tokens().list(dana).stream().filter(t -> t.name().equals("nas-backup"))
                .findFirst().orElseThrow().revokedAt()).isNotNull();
    }

    @Test
    void theAdministratorCreatesAPlanAndAnAccountAndSuspendsItWithAReason() {
        logIn("admin", TestServer.ADMIN_PASSWORD);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Admin")).click();
        assertThat(page.locator("#active-accounts").textContent()).isNotBlank();
        assertThat(page.locator("#health").textContent()).isEqualTo("ready");
        assertThat(page.locator("#health-warning").textContent()).contains("refused");
        page.getByLabel("Plan name").fill("small");
        page.getByLabel("Quota", new Page.GetByLabelOptions().setExact(true)).fill("1GiB");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save plan")).click();
        assertThat(page.locator("#plan-small").textContent()).contains("1.0 GiB");

        page.getByLabel("Account name", new Page.GetByLabelOptions().setExact(true)).fill("dana"); // taken
        page.getByLabel("Email", new Page.GetByLabelOptions().setExact(true)).fill("erin@example.com");
        page.getByLabel("Initial password").fill("erin's long password");
        page.getByLabel("Plan", new Page.GetByLabelOptions().setExact(true)).selectOption("small");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account")).click();
        assertThat(page.locator("#name-error").textContent()).contains("exists already");
        assertThat(page.getByLabel("Account name", new Page.GetByLabelOptions().setExact(true)).inputValue())
                .as("what was typed is kept").isEqualTo("dana");
        assertThat(page.getByLabel("Email", new Page.GetByLabelOptions().setExact(true)).inputValue())
                .isEqualTo("erin@example.com");
        assertThat(page.getByLabel("Plan", new Page.GetByLabelOptions().setExact(true)).inputValue()).isEqualTo("small");
        shoot("health-admin-overview-error");
        page.getByLabel("Account name", new Page.GetByLabelOptions().setExact(true)).fill("erin");
        page.getByLabel("Initial password").fill("erin's long password");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account")).click();
        assertThat(page.getByRole(AriaRole.STATUS).textContent()).contains("The account was created").contains("erin");
        assertThat(server.core().accounts().require("erin").plan()).isEqualTo("small");
        assertAccessible();
        shoot("health-admin-overview");

        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Administration"))
                .getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Accounts"))
                .click();
        assertThat(page.locator("#plan-erin option").allTextContents()).as("the plan is chosen from the plans")
                .contains("small");
        assertThat(page.locator("#plan-erin").inputValue()).isEqualTo("small");
        page.locator("#quota-erin").fill("unlimited");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save plan and quota of erin")).click();
        assertThat(page.locator("#account-erin").textContent()).contains("of unlimited").doesNotContain("EiB");
        page.locator("#reason-erin").fill("the invoice of November is unpaid");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Suspend erin")).click();
        assertThat(page.locator("#account-erin .status").textContent()).isEqualTo("suspended");
        assertThat(page.locator("#account-erin .reason").textContent()).contains("invoice of November is unpaid");
        assertAccessible();
        shoot("health-admin-accounts");

        try (BrowserContext other = browser.newContext(new Browser.NewContextOptions().setBaseURL(base()))) {
            page = other.newPage();
            logIn("erin", "erin's long password");
            assertThat(page.getByRole(AriaRole.ALERT).textContent()).contains("This account is suspended.")
                    .contains("The invoice of November is unpaid.");
        }
    }

    @Test
    void thePageNotFoundKnowsWhoIsSignedIn() {
        logIn("dana", TestServer.password("dana"));
        page.waitForURL(base() + "/");
        var response = page.navigate("/nowhere");
        assertThat(response.status()).isEqualTo(404);
        assertThat(page.locator("#account-name").textContent()).isEqualTo("dana");
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Dashboard")).count()).isPositive();
        var icon = page.request().get("/favicon.ico");
        assertThat(icon.status()).isEqualTo(200);
        assertThat(icon.headers().get("content-type")).startsWith("image/svg+xml");
        shoot("health-not-found");
    }
}
