package dev.cairn.export.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.cairn.export.ExportFeature;
import dev.cairn.export.bundle.BundleCheck;
import dev.cairn.export.bundle.BundleUnpacker;
import dev.cairn.export.crypt.Age;
import dev.cairn.server.TestServer;
import dev.cairn.server.web.Chromium;
import dev.cairn.workspace.WorkspaceFeature;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Onsite copy page in a real headless Chromium with JavaScript off: the owner refuses a malformed key, adds one,
 * exports in two formats, sees the export done and downloads a file that decrypts with the key and verifies against
 * the fingerprint shown on the page, then deletes the export. A screenshot is left in {@code target/onsite-copy.png} for a human look.
 */
class OnsiteCopyBrowserTest {
    @TempDir
    Path dir;

    @Test
    void anOwnerAddsAKeyExportsAndDownloadsTheCopy() throws Exception {
        String[] identity = Age.newIdentity();
        List<String> problems = new CopyOnWriteArrayList<>();
        try (TestServer server = TestServer.start(dir.resolve("server"), c -> c,
                List.of(new WorkspaceFeature(), new ExportFeature()));
                Chromium.Session chrome = Chromium.launch();
                BrowserContext context = chrome.browser().newContext(new Browser.NewContextOptions()
                        .setBaseURL(server.uri("").toString()).setJavaScriptEnabled(false).setAcceptDownloads(true))) {
            server.account("ann");
            Page page = context.newPage();
            page.onPageError(problems::add);
            page.navigate("/login");
            page.getByLabel("Account name or email").fill("ann");
            page.getByLabel("Password").fill(TestServer.password("ann"));
            button(page, "Log in").click();
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Onsite copy")).click();
            assertThat(page.locator("#no-recipients").textContent()).contains("No recipient yet");

            button(page, "Export now").click();
            assertThat(page.locator("#export-error").textContent()).contains("Add a recipient first");
            page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("office NAS");
            page.getByLabel("Public key").fill("age1notakey");
            button(page, "Add recipient").click();
            assertThat(page.locator("#form-error").textContent()).contains("Bech32");
            page.getByLabel("Public key").fill(identity[1]);
            button(page, "Add recipient").click();
            assertThat(page.locator("#recipients").textContent()).contains("office NAS", identity[1]);

            for (String f : List.of("xml", "sql", "sqlite", "xlsx")) {
                page.getByLabel(f, new Page.GetByLabelOptions().setExact(true)).uncheck();
            }
            button(page, "Export now").click();
            Locator status = page.locator("#exports .status").first();
            for (int i = 0; i < 500 && !status.textContent().contains("done"); i++) {
                assertThat(status.textContent()).doesNotContain("failed");
                page.reload();
            }
            assertThat(page.locator("#exports").textContent()).contains("done", "csv, jsonl");
            page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(Path.of("target/onsite-copy.png")));

            Download download = page.waitForDownload(() -> page.getByRole(AriaRole.LINK,
                    new Page.GetByRoleOptions().setName("Download")).first().click());
            Path copy = dir.resolve("copy");
            try (InputStream in = Files.newInputStream(download.path())) {
                BundleUnpacker.unpack(Age.decrypt(in, identity[0]), copy);
            }
            String publicKey = page.locator("#public-key").textContent();
            assertThat(BundleCheck.problems(copy, publicKey)).isEmpty();
            assertThat(dev.cairn.export.bundle.Manifest.parse(Files.readAllBytes(copy.resolve("manifest.json")))
                    .formats()).containsExactly("csv", "jsonl");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete export ")).first().click();
            assertThat(page.locator("[role=status]").first().textContent()).contains("Export deleted.");
            assertThat(page.locator("#no-exports").textContent()).contains("No export yet");

            for (String f : List.of("xml", "sql", "sqlite", "xlsx")) {
                page.getByLabel(f, new Page.GetByLabelOptions().setExact(true)).uncheck();
            }
            button(page, "Export now").click();
            awaitDone(page);
            page.locator("#export-history").uncheck();
            page.locator("#export-mode").selectOption("incremental");
            button(page, "Export now").click();
            awaitDone(page);
            String first = page.locator("#exports tbody tr").last().getAttribute("id").replace("export-", "");
            assertThat(page.locator("#exports .kind").first().textContent())
                    .isEqualTo("incremental (after export " + first + "), no history");

            page.locator("#every").selectOption("cron");
            page.locator("#cron").fill("30 2 * * 1-5");
            page.locator("#mode").selectOption("incremental");
            button(page, "Save schedule").click();
            assertThat(page.locator("#schedule-every").textContent()).contains("Cron 30 2 * * 1-5 (UTC)");
            assertThat(page.locator("#schedule-contents").textContent())
                    .contains("Incremental, a full export every 7 exports, with record history");
            button(page, "Remove office NAS").click();
            assertThat(page.locator("#schedule-paused").textContent()).contains("Scheduled exports are paused");
            page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                    .setPath(Path.of("target/onsite-copy-schedule.png")));
        }
        assertThat(problems).isEmpty();
    }

    /** Reloads until the newest export is done (the page has no script to refresh itself). */
    private static void awaitDone(Page page) {
        Locator status = page.locator("#exports .status").first();
        for (int i = 0; i < 500 && !status.textContent().contains("done"); i++) {
            assertThat(status.textContent()).doesNotContain("failed");
            page.reload();
        }
        assertThat(status.textContent()).contains("done");
    }

    private static Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }
}
