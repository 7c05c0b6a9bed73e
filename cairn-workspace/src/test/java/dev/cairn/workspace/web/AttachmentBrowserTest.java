package dev.cairn.workspace.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import dev.cairn.server.TestServer;
import dev.cairn.server.web.Chromium;
import dev.cairn.workspace.WorkspaceServer;
import dev.cairn.workspace.members.Caller;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.schema.ColumnSpec;
import dev.cairn.workspace.schema.TableSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: in a real headless Chromium, a file chosen in the record form is uploaded with the record (multipart, with
 * the CSRF field), shown on the record and in the grid by name, and downloads byte-exact; the form passes the
 * structural accessibility audit and the console stays free of errors. Screenshots of the form are kept in
 * {@code target/screenshots/}.
 */
class AttachmentBrowserTest {
    @TempDir
    static Path dir;
    static TestServer server;
    static Chromium.Session chrome;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        server = WorkspaceServer.start(dir.resolve("server"));
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

    private static String base() {
        return "http://127.0.0.1:" + server.app().port();
    }

    private static Page.GetByRoleOptions named(String name) {
        return new Page.GetByRoleOptions().setName(name).setExact(true);
    }

    @Test
    void aFileChosenInTheFormIsStoredShownAndDownloadedByteExact() throws Exception {
        var account = server.account("clerk");
        Caller c = WorkspaceServer.module(server).workspaces().resolve(account.id(), "clerk", null, false);
        WorkspaceServer.module(server).tables().create(c, new TableSpec("documents", "Documents", List.of(
                ColumnSpec.of("title", ColumnType.TEXT).asRequired(), ColumnSpec.of("scan", ColumnType.ATTACHMENT))));
        byte[] bytes = new byte[300_000];
        new Random(15).nextBytes(bytes);
        System.arraycopy("%PDF-1.7\n".getBytes(), 0, bytes, 0, 9);
        Path shots = Path.of("target", "screenshots");
        Files.createDirectories(shots);
        List<String> problems = new CopyOnWriteArrayList<>();
        try (var context = browser.newContext(new Browser.NewContextOptions().setBaseURL(base())
                .setAcceptDownloads(true))) {
            Page page = context.newPage();
            Chromium.watchErrors(page, problems, true);
            page.navigate("/login");
            page.getByLabel("Account name or email").fill("clerk");
            page.getByLabel("Password").fill(TestServer.password("clerk"));
            page.getByRole(AriaRole.BUTTON, named("Log in")).click();
            page.waitForURL(base() + "/");
            page.navigate("/web/workspace/clerk/tables/documents");
            page.getByRole(AriaRole.LINK, named("New record")).click();
            page.getByLabel("Title").fill("Contract März");
            page.getByLabel("Scan").setInputFiles(new FilePayload("Vertrag März 2026.pdf", "application/pdf", bytes));
            page.screenshot(new Page.ScreenshotOptions().setPath(shots.resolve("attachment-new.png")).setFullPage(true));
            page.getByRole(AriaRole.BUTTON, named("Create record")).click();
            page.waitForLoadState();
            page.screenshot(new Page.ScreenshotOptions().setPath(shots.resolve("attachment-record.png"))
                    .setFullPage(true));
            assertThat(page.url()).contains("done=created");

            var link = page.getByRole(AriaRole.LINK, named("Vertrag März 2026.pdf"));
            assertThat(link.count()).isEqualTo(1);
            @SuppressWarnings("unchecked")
            List<String> audit = (List<String>) page.evaluate(Chromium.AUDIT);
            assertThat(audit).as("record form").isEmpty();
            Download download = page.waitForDownload(link::click);
            assertThat(download.suggestedFilename()).isEqualTo("Vertrag März 2026.pdf");
            assertThat(Files.readAllBytes(download.path())).isEqualTo(bytes);

            page.navigate("/web/workspace/clerk/tables/documents");
            assertThat(page.getByRole(AriaRole.LINK, named("Vertrag März 2026.pdf")).count()).as("the grid")
                    .isEqualTo(1);

            // replacing the file in the edit form keeps the first in the history
            page.getByRole(AriaRole.LINK, named("Vertrag März 2026.pdf")).click(); // the grid links the download
            page.navigate("/web/workspace/clerk/tables/documents/records/1");
            page.getByLabel("Scan").setInputFiles(new FilePayload("signed.txt", "text/plain", "signed".getBytes()));
            page.getByRole(AriaRole.BUTTON, named("Save changes")).click();
            page.waitForLoadState();
            assertThat(page.url()).contains("done=saved");
            assertThat(page.getByRole(AriaRole.LINK, named("signed.txt")).count()).isEqualTo(1);
            page.getByRole(AriaRole.LINK, named("History")).click();
            assertThat(page.content()).contains("Vertrag März 2026.pdf (293 KiB)", "signed.txt (6 bytes)");
            assertThat(problems).isEmpty();
        }
    }
}
