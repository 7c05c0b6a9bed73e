package dev.cairn.server.web;

import static dev.cairn.server.Calls.json;
import static dev.cairn.server.Problems.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.cairn.server.Calls;
import dev.cairn.server.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Device sign-in in a real headless Chromium: a device asks for a code over HTTP, the user opens the verification link
 * without a session, logs in, lands back on the approval page with the code filled in, renames the device and
 * approves; the device then collects its token exactly once, and the devices page lists it and signs it out. Deny
 * likewise. Screenshots of each page go to {@code target/screenshots/} (set {@code -Dcairn.screenshots=DIR}).
 */
class DeviceApprovalBrowserTest {
    @TempDir
    static Path dir;
    static TestServer server;
    static Chromium.Session chrome;
    static Browser browser;
    BrowserContext context;
    Page page;
    Calls api;
    final List<String> problems = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dir.resolve("server"));
        server.account("ann");
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
        context = browser.newContext(new Browser.NewContextOptions().setBaseURL("http://127.0.0.1:" + server.app().port()));
        page = context.newPage();
        Chromium.watchErrors(page, problems, true);
        api = new Calls(server);
    }

    @AfterEach
    void closeContext() {
        context.close();
        assertThat(problems).isEmpty();
    }

    private void shoot(String name) throws Exception {
        Path out = Path.of(System.getProperty("cairn.screenshots", "target/screenshots"));
        Files.createDirectories(out);
        page.screenshot(new Page.ScreenshotOptions().setPath(out.resolve(name + ".png")).setFullPage(true));
    }

    private JsonNode authorize(String name) throws Exception {
        return json(api.send("POST", "/api/v1/device/authorize", null, "{\"deviceName\": \"" + name + "\"}"), 200);
    }

    private void logInAs(String name) {
        page.getByLabel("Account name or email").fill(name);
        page.getByLabel("Password").fill(TestServer.password(name));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
    }

    @Test
    void theUserLogsInApprovesAndTheDeviceGetsItsTokenOnce() throws Exception {
        JsonNode auth = authorize("laptop");
        String link = auth.get("verificationUriComplete").asText();
        page.navigate(link.substring(link.indexOf("/device")));
        assertThat(page.url()).contains("/login?next=");
        shoot("device-1-login");
        logInAs("ann");
        assertThat(page.url()).endsWith("/device?code=" + auth.get("userCode").asText());
        assertThat(page.locator("#shown-code").textContent()).isEqualTo(auth.get("userCode").asText());
        assertThat(page.getByLabel("Device name").inputValue()).isEqualTo("laptop");
        shoot("device-2-approve");
        page.getByLabel("Device name").fill("Ann's laptop");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve")).click();
        assertThat(page.locator("#device-outcome").textContent()).contains("signed in");
        shoot("device-3-approved");

        String deviceCode = "{\"deviceCode\": \"" + auth.get("deviceCode").asText() + "\"}";
        JsonNode token = json(api.send("POST", "/api/v1/device/token", null, deviceCode), 200);
        assertThat(token.get("deviceName").asText()).isEqualTo("Ann's laptop");
        problem(api.send("POST", "/api/v1/device/token", null, deviceCode), 400, "expired-token");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Devices").setExact(true)).click();
        assertThat(page.locator("#devices").textContent()).contains("Ann's laptop").contains("add backups, never delete");
        assertThat(page.locator("#login-command").textContent()).startsWith("cairn login http://127.0.0.1:");
        shoot("device-4-devices");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out Ann's laptop")).click();
        assertThat(page.locator("[role=status]").textContent()).contains("signed out");
        problem(api.send("GET", "/api/v1/repos", Calls.bearer(token.get("token").asText()), null), 401,
                "token-revoked");
        shoot("device-5-signed-out");
    }

    @Test
    void theUserDeniesAndTheDeviceIsRefused() throws Exception {
        JsonNode auth = authorize("unknown box");
        page.navigate("/login");
        logInAs("ann");
        page.navigate("/device");
        page.getByLabel("Code").fill(auth.get("userCode").asText().toLowerCase().replace("-", ""));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Deny")).click();
        assertThat(page.locator("#device-outcome").textContent()).contains("denied");
        problem(api.send("POST", "/api/v1/device/token", null, "{\"deviceCode\": \"" + auth.get("deviceCode").asText()
                + "\"}"), 400, "access-denied");
        page.navigate("/device?code=BBBB-BBBB");
        assertThat(page.locator("#code-error").textContent()).contains("No sign-in is waiting");
        shoot("device-6-unknown-code");
        assertThat(api.send("PUT", "/api/v1/repos/laptop", TestServer.basic("ann", TestServer.password("ann")), null)
                .statusCode()).isEqualTo(204);
        page.navigate("/");
        page.getByText("Change the retention lock of laptop").click();
        page.getByLabel("Keep every object (days)").fill("30");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save the retention lock of laptop")).click();
        assertThat(page.locator("#lock-laptop").textContent()).isEqualTo("30 days");
        page.getByText("Change the retention lock of laptop").click();
        page.getByLabel("Keep every object (days)").fill("1");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save the retention lock of laptop")).click();
        assertThat(page.locator("#password-laptop-error").textContent()).contains("needs your password");
        shoot("dashboard-lower-without-password");
        page.getByLabel("Password (to shorten it)").fill(TestServer.password("ann"));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save the retention lock of laptop")).click();
        assertThat(page.locator("#lock-laptop").textContent()).isEqualTo("1 day");
        shoot("dashboard");
    }

    @Test
    void theLoginPageNeverSendsABrowserToAnotherSite() {
        page.navigate("/login?next=//evil.example/x");
        logInAs("ann");
        assertThat(page.url()).isEqualTo("http://127.0.0.1:" + server.app().port() + "/");
    }
}
