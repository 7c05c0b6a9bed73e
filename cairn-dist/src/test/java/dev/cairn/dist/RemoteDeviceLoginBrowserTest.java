package dev.cairn.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.cairn.agent.cli.ExitCodes;
import dev.cairn.protocol.TokenScope;
import dev.cairn.server.web.Chromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device-code sign-in end to end: the real {@code cairn login} as a process prints a code, the account owner approves
 * it in a real browser at {@code /device}, the agent saves an append token, backs up with it, and its forget is refused.
 */
class RemoteDeviceLoginBrowserTest {
    private static final Pattern CODE = Pattern.compile("enter the code:\\s+([A-Z]{4}-[A-Z]{4})");
    @TempDir
    Path tmp;
    RemoteFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new RemoteFixture(tmp);
        f.env.remove("CAIRN_TOKEN"); // only the saved login may be used
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    @Test
    void aDeviceApprovedInTheBrowserBacksUpButCannotForget() throws Exception {
        Process login = f.agentProcess("login", f.server());
        try {
            String code = waitForCode(login);
            approveInBrowser(code);
            assertThat(login.waitFor(2, TimeUnit.MINUTES)).as("login ends once approved").isTrue();
        } finally {
            login.destroyForcibly();
        }
        assertThat(login.exitValue()).as("login; its log:\n%s", log()).isZero();
        assertThat(log()).contains("signed in to " + f.server()).contains("test laptop");
        String token = new ObjectMapper().readTree(tmp.resolve("config/cairn/credentials.json").toFile()).path("servers")
                .path(f.server()).path("token").asText();
        assertThat(f.server.core().tokens().authenticate(token).scope()).isEqualTo(TokenScope.APPEND);

        Path source = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(source.resolve("a.txt"), "backed up by a signed-in device\n");
        String repo = f.repo("laptop");
        f.ok("init", "-r", repo);
        f.ok("backup", "-r", repo, source.toString());
        Files.writeString(source.resolve("a.txt"), "changed\n");
        f.ok("backup", "-r", repo, source.toString());
        RemoteFixture.Result forget = f.run("forget", "-r", repo, "--keep-last", "1");

        assertThat(forget.code()).as("%s", forget).isEqualTo(ExitCodes.FATAL);
        assertThat(forget.err()).contains("append-only").contains("full token").doesNotContain("\tat ");
        assertThat(f.ok("snapshots", "-r", repo).out()).contains("2 snapshots");
    }

    /** Logs in as the account owner, types the code at /device, names the device and approves it. */
    private void approveInBrowser(String code) throws Exception {
        try (Chromium.Session browser = Chromium.launch()) {
            Page page = browser.browser().newPage();
            page.navigate(f.server() + "/device");
            page.getByLabel("Account name or email").fill(RemoteFixture.ACCOUNT);
            page.getByLabel("Password").fill(RemoteFixture.LOGIN_PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
            page.getByLabel("Code").fill(code);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
            assertThat(page.locator("#shown-code").textContent()).isEqualTo(code);
            page.getByLabel("Device name").fill("test laptop");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve")).click();
            assertThat(page.locator("#device-outcome").textContent()).contains("The device is signed in");
        }
    }

    private String waitForCode(Process login) throws Exception {
        while (true) {
            Matcher m = CODE.matcher(log());
            if (m.find()) {
                return m.group(1);
            }
            if (!login.isAlive()) {
                throw new AssertionError("cairn login ended without showing a code; its log:\n" + log());
            }
            Thread.sleep(100);
        }
    }

    private String log() throws Exception {
        Path log = tmp.resolve("agent.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
