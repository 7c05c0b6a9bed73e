package dev.cairn.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.cairn.protocol.TokenScope;
import dev.cairn.server.TestServer;
import dev.cairn.testkit.MutableClock;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backups on the dashboard, the run history on the devices page and the alerts page, in the Debian chromium: ten
 * days of stored-bytes samples drawn as the server-rendered SVG chart (no script), a device's last successful backup
 * with its age in words, the runs with their errors, and the alert settings form with its field errors. Screenshots go
 * to {@code target/screenshots/} ({@code -Dcairn.screenshots=DIR}).
 */
class BackupsBrowserTest {
    @TempDir
    static Path dir;
    static final MutableClock CLOCK = MutableClock.at(Instant.parse("2026-11-20T09:00:00Z"));
    static TestServer server;
    static Chromium.Session chrome;
    static Browser browser;
    static String laptop;
    BrowserContext context;
    Page page;
    final List<String> problems = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dir.resolve("server"), c -> c, CLOCK);
        long cara = server.account("cara").id();
        server.core().accounts().setQuota("cara", 400_000L);
        String full = server.token("cara", TokenScope.FULL);
        laptop = server.core().devices().signIn(cara, "laptop", TokenScope.APPEND).token().token();
        for (int day = 0; day < 10; day++) {
            var put = server.send(server.request("/api/v1/repos/r/objects/data/" + String.format("%064x", day))
                    .header("Authorization", "Bearer " + full)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[20_000 + day * 3_000])).build());
            assertThat(put.statusCode()).isEqualTo(201);
            server.core().usageHistory().sample();
            report(day == 6 ? "failed" : day == 8 ? "partial" : "success", day == 6 ? List.of("repository "
                    + "unreachable: connection refused") : day == 8 ? List.of("/home/cara/locked.db: permission denied",
                    "/home/cara/tmp/x: file vanished") : List.of());
            CLOCK.advance(Duration.ofDays(1));
        }
        CLOCK.advance(Duration.ofHours(5));
        chrome = Chromium.launch();
        browser = chrome.browser();
    }

    private static void report(String status, List<String> errors) throws Exception {
        Instant end = CLOCK.instant();
        String list = errors.stream().map(e -> "\"" + e + "\"").reduce((a, b) -> a + "," + b).orElse("");
        var r = server.post("/api/v1/runs", "application/json", "{\"runId\":\"" + UUID.randomUUID() + "\","
                + "\"kind\":\"backup\",\"set\":\"home\",\"repository\":\"r\",\"host\":\"cara-pc\",\"startedAt\":\""
                + end.minusSeconds(90) + "\",\"endedAt\":\"" + end + "\",\"status\":\"" + status + "\",\"filesNew\":12,"
                + "\"filesChanged\":3,\"bytesNew\":3000,\"bytesChanged\":1536000,\"errors\":[" + list + "]}",
                "Authorization", "Bearer " + laptop);
        assertThat(r.statusCode()).isEqualTo(201);
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
        context = browser.newContext(new Browser.NewContextOptions().setBaseURL("http://127.0.0.1:" + server.app().port()));
        page = context.newPage();
        Chromium.watchErrors(page, problems, true);
        page.navigate("/login");
        page.getByLabel("Account name or email").fill("cara");
        page.getByLabel("Password").fill(TestServer.password("cara"));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
    }

    @AfterEach
    void close() {
        context.close();
        assertThat(problems).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private void assertAccessible() {
        assertThat((List<String>) page.evaluate(Chromium.AUDIT)).as(page.url()).isEmpty();
    }

    private void screenshot(String name) {
        Path out = Path.of(System.getProperty("cairn.screenshots", "target/screenshots"));
        page.screenshot(new Page.ScreenshotOptions().setPath(out.resolve(name + ".png")).setFullPage(true));
    }

    @Test
    void theDashboardShowsTheLastBackupAndTheStoredBytesChart() {
        server.core().alertSettings().putNoBackupDays(server.core().accounts().require("cara").id(), "laptop", 4);
        page.navigate("/");
        var chart = page.locator("svg#stored-chart");
        assertThat(chart.isVisible()).isTrue();
        assertThat(chart.locator("circle.sample").count()).as("ten daily samples and today's size now").isEqualTo(11);
        assertThat(chart.locator("path.line").getAttribute("d")).startsWith("M");
        assertThat(chart.locator("line.quota").count()).isEqualTo(1);
        assertThat(chart.locator("title").first().textContent()).contains("2026-11-20", "2026-11-30");
        var box = chart.boundingBox();
        assertThat(box.width).isGreaterThan(300);
        assertThat(box.height).isGreaterThan(100);
        var row = page.locator("#backup-laptop");
        assertThat(row.textContent()).contains("2026-11-29 09:00 UTC", "29 hours ago", "4 days");
        assertAccessible();
        screenshot("dashboard-backups");
    }

    @Test
    void theDevicesPageListsTheRunsWithTheirErrors() {
        page.navigate("/devices");
        var runs = page.locator("table#runs tbody tr");
        assertThat(runs.count()).isEqualTo(10);
        assertThat(runs.first().textContent()).contains("2026-11-29", "laptop", "home", "backup", "success", "12 / 3",
                "2.9 KiB / 1.5 MiB");
        assertThat(page.locator("table#runs").textContent()).contains("permission denied",
                "repository unreachable: connection refused");
        assertThat(page.locator("td.status-failed").count()).isEqualTo(1);
        assertThat(page.locator("#devices tbody tr").first().textContent()).contains("2026-11-29 09:00 UTC");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("laptop").setExact(true)).first().click();
        assertThat(page.locator("#runs-heading").textContent()).contains("Run history of laptop");
        assertAccessible();
        screenshot("devices-runs");
    }

    @Test
    void theAlertsPageSavesSettingsAndNamesWhatIsWrong() {
        page.navigate("/alerts");
        page.getByLabel("Webhook URL").fill("ftp://nowhere");
        page.getByLabel("Webhook secret").fill("short");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save").setExact(true)).click();
        assertThat(page.locator("#webhookUrl-error").textContent()).contains("http:// or https://");
        assertThat(page.locator("#webhookSecret-error").textContent()).contains("16-200");
        page.getByLabel("Webhook URL").fill("https://hooks.example.com/cairn");
        page.getByLabel("Webhook secret").fill("a-secret-of-enough-length");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save").setExact(true)).click();
        assertThat(page.locator("p.notice").textContent()).contains("alert settings were saved");
        assertThat(page.getByLabel("Webhook URL").inputValue()).isEqualTo("https://hooks.example.com/cairn");
        page.getByLabel("Days for laptop").fill("7");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save the alert setting of laptop")).click();
        assertThat(page.getByLabel("Days for laptop").inputValue()).isEqualTo("7");
        long cara = server.core().accounts().require("cara").id();
        assertThat(server.core().alertSettings().noBackupDays(cara, "laptop")).isEqualTo(7);
        assertThat(server.core().alertSettings().get(cara).webhookSecret()).isEqualTo("a-secret-of-enough-length");
        assertAccessible();
        screenshot("alerts-settings");
    }
}
