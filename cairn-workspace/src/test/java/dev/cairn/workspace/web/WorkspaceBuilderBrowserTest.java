package dev.cairn.workspace.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.cairn.server.TestServer;
import dev.cairn.server.web.Chromium;
import dev.cairn.workspace.JsonRecords;
import dev.cairn.workspace.WorkspaceServer;
import dev.cairn.workspace.members.Caller;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The table designer and the report builder in a real headless Chromium: from a workspace started from a template,
 * add a column (first refused for lack of a default, then fixed), build a grouped-sum report watching the live
 * preview (htmx) update without navigating, save it and open its result. The pages pass the structural
 * accessibility audit of {@link WebUiBrowserTest}, and the console stays free of errors (CSP violations included).
 */
class WorkspaceBuilderBrowserTest {
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

    private static Page.GetByLabelOptions exact() {
        return new Page.GetByLabelOptions().setExact(true);
    }

    private static void assertAccessible(Page page, String what) {
        @SuppressWarnings("unchecked")
        List<String> found = (List<String>) page.evaluate(Chromium.AUDIT);
        assertThat(found).as(what + " (" + page.url() + ")").isEmpty();
    }

    /** Does {@code action} and waits until the live preview it triggers has answered (and been swapped in). */
    private static void preview(Page page, Runnable action) {
        page.evaluate("() => { window.previewSettled = new Promise(done => document.body.addEventListener("
                + "'htmx:afterSettle', done, {once: true})); }");
        page.waitForResponse(r -> r.url().endsWith("/reports/preview"), action);
        page.evaluate("() => window.previewSettled.then(() => true)");
    }

    private static void data() {
        var account = server.core().accounts().require("designer");
        Caller c = WorkspaceServer.module(server).workspaces().resolve(account.id(), "designer", null, false);
        var records = new JsonRecords(WorkspaceServer.module(server).records());
        long acme = ((Number) records.create(c, "customers", JsonNodeFactory.instance.objectNode()
                .put("name", "Acme")).get("id")).longValue();
        long beta = ((Number) records.create(c, "customers", JsonNodeFactory.instance.objectNode()
                .put("name", "Beta")).get("id")).longValue();
        String[][] invoices = {{"INV-1", "10.00"}, {"INV-2", "20.00"}, {"INV-3", "5.50"}}; // auto-numbered
        for (int i = 0; i < invoices.length; i++) {
            ObjectNode body = JsonNodeFactory.instance.objectNode()
                    .put("customer", i < 2 ? acme : beta).put("issue_date", "2026-11-23");
            body.putObject("total").put("amount", invoices[i][1]).put("currency", "EUR");
            records.create(c, "invoices", body);
        }
    }

    @Test
    void addAColumnFixingAnErrorThenBuildAGroupedSumWithLivePreviewSaveItAndOpenTheResult() {
        server.account("designer");
        List<String> problems = new CopyOnWriteArrayList<>();
        try (var context = browser.newContext(new Browser.NewContextOptions().setBaseURL(base()))) {
            Page page = context.newPage();
            Chromium.watchErrors(page, problems, true);
            page.navigate("/login");
            page.getByLabel("Account name or email").fill("designer");
            page.getByLabel("Password").fill(TestServer.password("designer"));
            page.getByRole(AriaRole.BUTTON, named("Log in")).click();
            page.waitForURL(base() + "/");
            page.getByRole(AriaRole.LINK, named("Records")).click();
            page.getByRole(AriaRole.BUTTON, named("Create tables")).click();
            page.waitForURL("**/tables?done=template");
            data();

            // the designer: a required column on a table with records needs a default
            page.getByRole(AriaRole.LINK, named("Invoices")).click();
            page.getByRole(AriaRole.LINK, named("Design table")).click();
            assertAccessible(page, "designer");
            page.getByLabel("Column name", exact()).fill("region");
            page.getByLabel("Type", exact()).selectOption("choice");
            page.getByLabel("Required", exact()).check();
            page.getByLabel("Choices (choice columns; one a line)").fill("north\nsouth");
            page.getByRole(AriaRole.BUTTON, named("Add column")).click();
            Locator error = page.locator("#add-default-error");
            assertThat(error.textContent()).contains("needs a default");
            assertThat(page.getByLabel("Column name", exact()).inputValue()).isEqualTo("region");
            assertThat(page.getByLabel("Default value (optional)").getAttribute("aria-describedby"))
                    .contains("add-default-error");
            assertAccessible(page, "designer with an error");
            page.getByLabel("Default value (optional)").fill("north");
            page.getByRole(AriaRole.BUTTON, named("Add column")).click();
            page.waitForURL("**/design?done=column-added**");
            assertThat(page.locator("#design-columns").textContent()).contains("region").contains("north, south");

            // the report builder: every change refreshes the preview in place
            page.getByRole(AriaRole.LINK, named("Reports")).click();
            page.getByRole(AriaRole.LINK, named("New report")).click();
            String builderUrl = page.url();
            preview(page, () -> page.getByLabel("Table", exact()).selectOption("invoices"));
            page.locator("#preview-table", new Page.LocatorOptions().setHasText("INV-3")).waitFor();
            preview(page, () -> page.getByLabel("Group by 1").selectOption("customer.name"));
            preview(page, () -> page.getByLabel("Total 1", exact()).selectOption("sum"));
            page.locator("#a0_column-error").waitFor();
            assertThat(page.locator("#a0_column-error").textContent()).contains("Sum needs a column");
            preview(page, () -> page.getByLabel("Total 1 of column").selectOption("total"));
            Locator preview = page.locator("#preview-table", new Page.LocatorOptions().setHasText("30.00 EUR"));
            preview.waitFor();
            assertThat(preview.locator("thead").textContent()).contains("Customer › Name").contains("Total (sum)");
            assertThat(preview.textContent()).contains("Acme").contains("Beta").contains("5.50 EUR")
                    .doesNotContain("INV-1");
            assertThat(page.url()).isEqualTo(builderUrl); // swapped in place by htmx
            assertAccessible(page, "report builder with a preview");
            preview(page, () -> {
                page.getByLabel("Report name").fill("Totals by customer");
                page.keyboard().press("Tab"); // a text field reports its change when left
            });
            page.getByRole(AriaRole.BUTTON, named("Save report")).click();
            page.waitForURL("**?done=report-saved");
            page.getByRole(AriaRole.LINK, named("Open the result")).click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)).textContent())
                    .isEqualTo("Totals by customer");
            assertThat(page.locator("#result").textContent()).contains("Acme").contains("30.00 EUR");
            assertThat(page.locator("#csv-link").getAttribute("href")).endsWith("/result?format=csv");
            assertAccessible(page, "report result");
            for (String path : List.of("/reports", "/members", "/new-table", "/purge", "/tables/customers/import",
                    "/tables/customers/delete-table")) {
                page.navigate("/web/workspace/designer" + path);
                assertAccessible(page, path);
            }
        }
        assertThat(problems).as("browser console errors (CSP violations, script errors)").isEmpty();
    }

    @Test
    void aWorkspaceFromTheOrdersTemplateTakesACustomerAndAnOrderWithAValidationErrorFirstThenAnEditWithHistory() {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setBaseURL(base()));
        Page page = context.newPage();
        List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();
        page.onConsoleMessage(m -> {
            if ("error".equals(m.type()) && !m.text().startsWith("Failed to load resource")) {
                problems.add(m.text());
            }
        });
        page.onPageError(problems::add);
        page.navigate("/signup");
        page.getByLabel("Account name").fill("ledger");
        page.getByLabel("Email").fill("ledger@example.com");
        page.getByLabel("Password").fill("ledger-password");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account")).click();
        page.waitForURL(base() + "/");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Records")).click();
        page.waitForURL("**/web/workspace/ledger/tables");
        assertAccessible(page, "empty workspace");
        assertThat(page.getByLabel("Orders and billing").isChecked()).isTrue();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create tables")).click();
        page.waitForURL("**/tables?done=template");
        assertAccessible(page, "tables list");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Customers").setExact(true)).click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New record")).click();
        page.getByLabel("Name (required)").fill("Acme <b>Trading</b>");
        page.getByLabel("Email").fill("buyer@acme.example");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create record")).click();
        page.waitForURL("**?done=created");
        assertThat(page.getByLabel("Name (required)").inputValue()).isEqualTo("Acme <b>Trading</b>");

        page.navigate("/web/workspace/ledger/tables/orders");
        assertAccessible(page, "empty table view");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New record")).click();
        page.getByLabel("Order date (required)").fill("2026-11-23"); // the number is an auto-number
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create record")).click();
        Locator customerError = page.locator("#field-customer-error");
        assertThat(customerError.isVisible()).isTrue();
        assertThat(page.getByLabel("Customer (required)").getAttribute("aria-describedby"))
                .isEqualTo("field-customer-error");
        assertThat(page.getByLabel("Order date (required)").inputValue()).isEqualTo("2026-11-23");
        assertAccessible(page, "record form with an error");
        page.getByLabel("Customer (required)").selectOption(new com.microsoft.playwright.options.SelectOption()
                .setLabel("Acme <b>Trading</b>"));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create record")).click();
        page.waitForURL("**?done=created");

        page.getByLabel("Status").selectOption("confirmed");
        page.getByLabel("Notes").fill("Deliver before noon");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save changes")).click();
        page.waitForURL("**?done=saved");
        assertThat(page.getByRole(AriaRole.STATUS).textContent()).contains("saved");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Orders")).click();
        page.getByLabel("Search").fill("SO-10");
        page.waitForURL("**q=SO-10**");
        assertThat(page.locator("#records-table").textContent()).contains("SO-1001").contains("Acme <b>Trading</b>");
        assertAccessible(page, "table view");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Record 1")).click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("History")).click();
        Locator history = page.locator("#history");
        assertThat(history.locator("li").count()).isEqualTo(2);
        assertThat(history.textContent()).contains("insert").contains("update").contains("ledger")
                .contains("draft").contains("confirmed").contains("Deliver before noon");
        assertAccessible(page, "record history");
        assertThat(problems).isEmpty();
        context.close();
    }
}
