package dev.cairn.workspace.web;

import static dev.cairn.workspace.model.ColumnType.MONEY;
import static dev.cairn.workspace.model.ColumnType.REFERENCE;
import static dev.cairn.workspace.model.ColumnType.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import dev.cairn.server.TestServer;
import dev.cairn.server.web.Chromium;
import dev.cairn.workspace.JsonRecords;
import dev.cairn.workspace.WorkspaceModule;
import dev.cairn.workspace.WorkspaceServer;
import dev.cairn.workspace.members.Caller;
import dev.cairn.workspace.reports.ReportSpec;
import dev.cairn.workspace.schema.ColumnSpec;
import dev.cairn.workspace.schema.TableSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;

/**
 * Sending a report to a customer, in a real headless Chromium (Debian's, driven by Playwright) against the real
 * server: the owner shares a report with a passphrase and a fixed customer in the UI; the link opens in a fresh
 * context (no cookies, JavaScript off), refuses a wrong passphrase, shows the customer's rows and the workspace's name
 * after the right one, downloads CSV and PDF; the owner revokes the link, the recipient sees "revoked", and the owner
 * sees every access in the log.
 */
class ShareBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
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
        seed();
    }

    /** Account "shopkeeper" with customers, orders (one with markup in it) and a saved report "Open orders". */
    private static void seed() throws Exception {
        long id = server.account("shopkeeper").id();
        WorkspaceModule ws = WorkspaceServer.module(server);
        Caller owner = ws.workspaces().resolve(id, "shopkeeper", null, false);
        ws.tables().create(owner, new TableSpec("customers", null, List.of(ColumnSpec.of("name", TEXT))));
        ws.tables().create(owner, new TableSpec("orders", null, List.of(
                ColumnSpec.of("customer", REFERENCE).referencing("customers"), ColumnSpec.of("item", TEXT),
                ColumnSpec.of("total", MONEY))));
        JsonRecords records = new JsonRecords(ws.records());
        long acme = (Long) records.create(owner, "customers", JSON.readTree("{\"name\": \"Acme\"}")).get("id");
        long zoe = (Long) records.create(owner, "customers", JSON.readTree("{\"name\": \"Zoë\"}")).get("id");
        for (Object[] o : new Object[][] {{acme, "anvil", "10.00"}, {acme, "<b>rocket</b>", "99.90"},
                {zoe, "kite", "4.50"}}) {
            records.create(owner, "orders", JSON.readTree("{\"customer\": " + o[0] + ", \"item\": \"" + o[1]
                    + "\", \"total\": {\"amount\": \"" + o[2] + "\", \"currency\": \"EUR\"}}"));
        }
        ws.reports().create(owner, new ReportSpec(null, "Open orders", "orders", List.of("customer.name", "item",
                "total"), null, null, null, null, null));
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

    private static Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private static Locator link(Page page, String name) {
        return page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    @Test
    void ownerSharesAReportTheCustomerOpensItAndTheOwnerRevokesIt() throws Exception {
        List<String> problems = new CopyOnWriteArrayList<>();
        try (BrowserContext ownerContext = browser.newContext(new Browser.NewContextOptions().setBaseURL(base()))) {
            Page owner = ownerContext.newPage();
            Chromium.watchErrors(owner, problems, false);
            owner.navigate("/login");
            owner.getByLabel("Account name or email").fill("shopkeeper");
            owner.getByLabel("Password").fill(TestServer.password("shopkeeper"));
            button(owner, "Log in").click();
            owner.waitForURL(base() + "/");
            link(owner, "Records").click();
            link(owner, "Share links").click();
            owner.getByLabel("Report", new Page.GetByLabelOptions().setExact(true)).selectOption(new com.microsoft.playwright.options.SelectOption()
                    .setLabel("Open orders"));
            button(owner, "Next").click();
            owner.getByLabel("Only rows of").selectOption(new com.microsoft.playwright.options.SelectOption()
                    .setLabel("Acme"));
            owner.getByLabel("Passphrase (optional)").fill("open sesame 42");
            button(owner, "Create share link").click();
            String url = owner.getByLabel("Link", new Page.GetByLabelOptions().setExact(true)).inputValue();
            assertThat(url).matches(base() + "/share/[A-Za-z0-9_-]{43}");
            assertThat(owner.locator("#shares tbody tr").count()).isEqualTo(1);
            owner.navigate("/web/workspace/shopkeeper/shares"); // the list never shows the link again
            assertThat(owner.content()).doesNotContain(url.substring(url.lastIndexOf('/') + 1));

            try (BrowserContext stranger = browser.newContext(new Browser.NewContextOptions()
                    .setJavaScriptEnabled(false).setAcceptDownloads(true))) {
                Page customer = stranger.newPage();
                customer.navigate(url);
                assertThat(customer.getByRole(AriaRole.HEADING).first().textContent())
                        .isEqualTo("This report is protected");
                assertThat(customer.content()).doesNotContain("Acme").doesNotContain("shopkeeper");
                customer.getByLabel("Passphrase", new Page.GetByLabelOptions().setExact(true)).fill("open sesame");
                button(customer, "Open report").click();
                assertThat(customer.getByRole(AriaRole.ALERT).textContent()).contains("not right");
                customer.getByLabel("Passphrase", new Page.GetByLabelOptions().setExact(true)).fill("open sesame 42");
                button(customer, "Open report").click();
                assertThat(customer.locator("#report-name").textContent()).isEqualTo("Open orders");
                assertThat(customer.locator("#share-workspace").textContent()).isEqualTo("shopkeeper");
                assertThat(customer.locator("#generated-at").textContent()).endsWith("UTC");
                assertThat(customer.locator("#report tbody tr").allTextContents()).hasSize(2)
                        .allSatisfy(row -> assertThat(row).contains("Acme"))
                        .anySatisfy(row -> assertThat(row).contains("<b>rocket</b>", "99.90 EUR"));
                assertThat(customer.content()).doesNotContain("kite");

                Download csv = customer.waitForDownload(() -> link(customer, "Download CSV").click());
                assertThat(csv.suggestedFilename()).isEqualTo("Open-orders.csv");
                assertThat(Files.readString(csv.path())).contains("Acme,anvil,10.00,EUR").doesNotContain("kite");
                Download pdf = customer.waitForDownload(() -> link(customer, "Download PDF").click());
                String text = new PdfTextExtractor(new PdfReader(Files.readAllBytes(pdf.path()))).getTextFromPage(1);
                assertThat(text).contains("Open orders", "Workspace: shopkeeper", "anvil", "99.90 EUR")
                        .doesNotContain("kite");

                link(owner, "Revoke share link 1 of Open orders").click();
                button(owner, "Revoke link").click();
                assertThat(owner.getByRole(AriaRole.STATUS).textContent()).contains("revoked");
                assertThat(owner.locator("#share-1 .status").textContent()).isEqualTo("revoked");

                Response gone = customer.navigate(url);
                assertThat(gone.status()).isEqualTo(410);
                assertThat(customer.locator("#share-status").textContent()).isEqualTo("This link has been revoked");
                assertThat(customer.content()).doesNotContain("Acme");
            }

            link(owner, "Open orders").click();
            List<String> outcomes = owner.locator("#accesses tbody tr td:nth-child(2)").allTextContents();
            assertThat(outcomes).containsExactly("revoked", "shown", "shown", "shown", "unlocked",
                    "wrong passphrase", "passphrase required");
            assertThat(owner.locator("#share-status").textContent()).isEqualTo("revoked");
        }
        assertThat(problems).as("page errors in the owner's pages").isEmpty();
    }
}
