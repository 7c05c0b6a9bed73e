package dev.cairn.workspace.web;

import static dev.cairn.workspace.model.ColumnType.CHOICE;
import static dev.cairn.workspace.model.ColumnType.MONEY;
import static dev.cairn.workspace.model.ColumnType.REFERENCE;
import static dev.cairn.workspace.model.ColumnType.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.cairn.server.TestServer;
import dev.cairn.server.web.Chromium;
import dev.cairn.workspace.JsonRecords;
import dev.cairn.workspace.WorkspaceModule;
import dev.cairn.workspace.WorkspaceServer;
import dev.cairn.workspace.members.Caller;
import dev.cairn.workspace.schema.ColumnSpec;
import dev.cairn.workspace.schema.TableSpec;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;

/**
 * The workspace in people's words, in a real headless Chromium: the report builder with its live preview beside the
 * controls takes columns in the order chosen, four filters (one on a reference, by the customer's name) and shows
 * labels, record names, money to its currency's decimals and a totals row; the saved report's PDF states its filters
 * and totals; the share list names the restricted customer and the day the link is valid until; a record page is
 * titled by the record's name. With the environment variable {@code CAIRN_SCREENSHOTS=DIR} each page is also saved
 * there as a PNG.
 */
class ReportWordsBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static TestServer server;
    static Chromium.Session chrome;
    static Browser browser;
    static long acme;

    @BeforeAll
    static void start() throws Exception {
        server = WorkspaceServer.start(dir.resolve("server"));
        chrome = Chromium.launch();
        browser = chrome.browser();
        seed();
    }

    @AfterAll
    static void stop() throws Exception {
        if (chrome != null) {
            chrome.close();
        }
        server.close();
    }

    /** Account "words": customers and invoices with a reference, a choice and money in two currencies. */
    private static void seed() throws Exception {
        long id = server.account("words").id();
        WorkspaceModule ws = WorkspaceServer.module(server);
        Caller owner = ws.workspaces().resolve(id, "words", null, false);
        ws.tables().create(owner, new TableSpec("customers", "Customers", List.of(ColumnSpec.of("name", TEXT),
                ColumnSpec.of("billing_address", TEXT))));
        ws.tables().create(owner, new TableSpec("invoices", "Invoices", List.of(ColumnSpec.of("number", TEXT),
                ColumnSpec.of("customer", REFERENCE).referencing("customers"), ColumnSpec.of("total", MONEY),
                ColumnSpec.of("status", CHOICE).withChoices("open", "paid"))));
        JsonRecords records = new JsonRecords(ws.records());
        acme = (Long) records.create(owner, "customers", JSON.readTree("{\"name\": \"Acme\", "
                + "\"billing_address\": \"1 Road\"}")).get("id");
        long beta = (Long) records.create(owner, "customers", JSON.readTree("{\"name\": \"Beta\"}")).get("id");
        Object[][] invoices = {{"I-1", acme, "1234.5", "EUR", "open"}, {"I-2", acme, "20", "EUR", "open"},
            {"I-3", acme, "5", "EUR", "paid"}, {"I-4", beta, "7.25", "EUR", "open"}, {"I-5", acme, "1500", "JPY",
                "open"}};
        for (Object[] i : invoices) {
            records.create(owner, "invoices", JSON.readTree("{\"number\": \"" + i[0] + "\", \"customer\": " + i[1]
                    + ", \"total\": {\"amount\": \"" + i[2] + "\", \"currency\": \"" + i[3] + "\"}, \"status\": \""
                    + i[4] + "\"}"));
        }
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

    /** Does {@code action} and waits until the live preview it triggers has been swapped in. */
    private static void preview(Page page, Runnable action) {
        page.evaluate("() => { window.previewSettled = new Promise(done => document.body.addEventListener("
                + "'htmx:afterSettle', done, {once: true})); }");
        page.waitForResponse(r -> r.url().endsWith("/reports/preview"), action);
        page.evaluate("() => window.previewSettled.then(() => true)");
    }

    private static void screenshot(Page page, String name) {
        String target = System.getenv("CAIRN_SCREENSHOTS");
        if (target != null) {
            page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get(target, name + ".png")).setFullPage(true)
                    .setCaret(com.microsoft.playwright.options.ScreenshotCaret.INITIAL)); // "hide" injects a style CSP blocks
        }
    }

    private static void assertAccessible(Page page, String what) {
        @SuppressWarnings("unchecked")
        List<String> found = (List<String>) page.evaluate(Chromium.AUDIT);
        assertThat(found).as(what + " (" + page.url() + ")").isEmpty();
    }

    @Test
    void theBuilderReportPdfShareListAndRecordPageSpeakInLabelsAndNames() throws Exception {
        List<String> problems = new CopyOnWriteArrayList<>();
        try (var context = browser.newContext(new Browser.NewContextOptions().setBaseURL(base())
                .setViewportSize(1400, 900))) {
            Page page = context.newPage();
            Chromium.watchErrors(page, problems, true);
            page.navigate("/login");
            page.getByLabel("Account name or email").fill("words");
            page.getByLabel("Password").fill(TestServer.password("words"));
            page.getByRole(AriaRole.BUTTON, named("Log in")).click();
            page.waitForURL(base() + "/");

            page.navigate("/web/workspace/words/reports/new?table=invoices");
            // columns in the order chosen: each choice adds the next row
            preview(page, () -> page.getByLabel("Column 1", exact()).selectOption("number"));
            preview(page, () -> page.getByLabel("Column 2", exact()).selectOption("total"));
            preview(page, () -> page.getByLabel("Column 3", exact()).selectOption("customer"));
            preview(page, () -> page.getByLabel("Column 4", exact()).selectOption("customer.billing_address"));
            Locator head = page.locator("#preview-table thead th");
            assertThat(head.allTextContents()).containsExactly("Number", "Total", "Customer",
                    "Customer › Billing address");
            // reordering: "move up" swaps a column with the one before it (a plain form button, no script needed)
            page.waitForNavigation(() -> page.getByRole(AriaRole.BUTTON, named("Move column 2 up")).click());
            assertThat(head.allTextContents()).containsExactly("Total", "Number", "Customer",
                    "Customer › Billing address");
            page.waitForNavigation(() -> page.getByRole(AriaRole.BUTTON, named("Move column 2 up")).click());
            assertThat(page.getByLabel("Column 1", exact()).inputValue()).isEqualTo("number");
            // four filters, the first on a reference by the customer's name
            preview(page, () -> page.getByLabel("Filter 1 column").selectOption("customer"));
            assertThat(page.locator("#f0_value-list option").evaluateAll("os => os.map(o => o.value)"))
                    .isEqualTo(List.of("Acme", "Beta")); // suggested by name
            preview(page, () -> page.getByLabel("Filter 1 condition").selectOption("eq"));
            preview(page, () -> page.getByLabel("Filter 1 value").fill("acme"));
            preview(page, () -> page.getByLabel("Filter 2 column").selectOption("status"));
            preview(page, () -> page.getByLabel("Filter 2 condition").selectOption("eq"));
            preview(page, () -> page.getByLabel("Filter 2 value").fill("open"));
            preview(page, () -> page.getByLabel("Filter 3 column").selectOption("total"));
            preview(page, () -> page.getByLabel("Filter 3 condition").selectOption("gte"));
            preview(page, () -> page.getByLabel("Filter 3 value").fill("10"));
            preview(page, () -> page.getByLabel("Filter 4 column").selectOption("number"));
            preview(page, () -> page.getByLabel("Filter 4 condition").selectOption("startswith"));
            preview(page, () -> page.getByLabel("Filter 4 value").fill("I-"));
            assertThat(page.getByLabel("Filter 5 column").isVisible()).isTrue();
            Locator table = page.locator("#preview-table");
            assertThat(table.locator("tbody tr").allTextContents()).hasSize(3);
            assertThat(table.locator("tbody tr").first().locator("td").allTextContents())
                    .containsExactly("I-1", "1,234.50 EUR", "Acme", "1 Road");
            assertThat(table.locator("tbody").textContent()).contains("1,500 JPY").doesNotContain("#" + acme)
                    .doesNotContain("Beta");
            assertThat(table.locator("td.num").first().textContent()).isEqualTo("1,234.50 EUR");
            assertThat(table.locator("tfoot tr").allTextContents()).hasSize(2); // EUR and JPY
            assertThat(table.locator("tfoot").textContent()).contains("Total").contains("1,254.50 EUR")
                    .contains("1,500 JPY");
            assertThat(page.locator("#preview-table-conditions").textContent())
                    .contains("Customer equals Acme", "Status equals open", "Total at least 10");
            // a name nobody has is refused next to its field
            preview(page, () -> page.getByLabel("Filter 1 value").fill("Acne"));
            assertThat(page.locator("#f0_value-error").textContent()).contains("No record of Customers is called 'Acne'");
            preview(page, () -> page.getByLabel("Filter 1 value").fill("Acme"));
            assertAccessible(page, "report builder");
            screenshot(page, "report-builder");

            preview(page, () -> page.getByLabel("Report name").fill("Acme's open invoices"));
            page.getByRole(AriaRole.BUTTON, named("Save report")).click();
            page.waitForURL("**?done=report-saved");
            assertThat(page.getByLabel("Filter 1 value").inputValue()).isEqualTo("Acme"); // stored as the id
            page.getByRole(AriaRole.LINK, named("Open the result")).click();
            assertThat(page.locator("#result thead th").allTextContents()).containsExactly("Number", "Total",
                    "Customer", "Customer › Billing address");
            screenshot(page, "report-result");
            byte[] pdf = page.request().get(page.url() + "?format=pdf").body();
            String text = new PdfTextExtractor(new PdfReader(pdf)).getTextFromPage(1);
            assertThat(text).contains("Rows where: Customer equals Acme; Status equals open; Total at least 10; "
                    + "Number starts with I-.", "Customer › Billing address", "I-1 1,234.50 EUR",
                    "Total 1,254.50 EUR").doesNotContain("customer.billing_address");
            String csv = page.request().get(page.url() + "?format=csv").text();
            assertThat(csv.lines().findFirst().orElseThrow())
                    .isEqualTo("Number,Total,Total currency,Customer,Customer › Billing address");
            assertThat(csv).contains("I-1,1234.50,EUR,Acme,1 Road");

            // the share list names the restricted customer and the last valid day as it was typed
            page.navigate("/web/workspace/words/shares");
            page.getByRole(AriaRole.BUTTON, named("Next")).click();
            page.getByLabel("Only rows of").selectOption(new com.microsoft.playwright.options.SelectOption()
                    .setLabel("Acme"));
            page.getByLabel("Valid until (optional)").fill("2030-01-31");
            page.getByRole(AriaRole.BUTTON, named("Create share link")).click();
            Locator row = page.locator("#shares tbody tr").first();
            assertThat(row.textContent()).contains("Customer: Acme").contains("2030-01-31 (end of day)")
                    .doesNotContain("2030-02-01").doesNotContain("= #");
            assertAccessible(page, "share links");
            screenshot(page, "share-links");

            page.navigate("/web/workspace/words/tables/customers/records/" + acme);
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)).textContent())
                    .isEqualTo("Acme");
            assertThat(page.title()).startsWith("Acme");
            screenshot(page, "record");
        }
        assertThat(problems).as("browser console errors (CSP violations, script errors)").isEmpty();
    }

    /** Identifiers and machine shapes that must never reach a page's text. */
    private static final java.util.regex.Pattern MACHINE = java.util.regex.Pattern.compile(
            "map=|\\{\"|\"amount\"|\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d|\\b(sum|avg|min|max)_[a-z]|\\b[a-z]+_[a-z]+\\.[a-z]"
            + "|\\b[a-z]+\\.[a-z_]+_[a-z]|9223372036854775807|\\(#\\d+\\)");

    private static void assertPeoplesWords(Page page, String what) {
        // formulas are written in their own syntax (machine names: docs/formulas.md): their hint and definitions are
        // left out of the check
        String text = (String) page.evaluate("() => { const m = document.querySelector('main').cloneNode(true);"
                + " m.querySelectorAll('[id$=\"-formula-hint\"], code').forEach(e => e.remove());"
                + " m.querySelectorAll('*').forEach(e => { if (e.children.length === 0"
                + " && e.textContent.trim().startsWith('= ')) e.remove(); });"
                + " document.body.appendChild(m); const t = m.innerText; m.remove(); return t; }");
        java.util.regex.Matcher m = MACHINE.matcher(text);
        assertThat(m.find() ? m.group() + " in: " + text.substring(Math.max(0, m.start() - 80),
                Math.min(text.length(), m.end() + 80)) : null).as(what + " (" + page.url() + ")").isNull();
    }

    private static void visit(Page page, String path, String name) {
        page.navigate("/web/workspace/words" + path);
        assertPeoplesWords(page, name);
        screenshot(page, name);
    }

    @Test
    void everyWorkspacePageAndFormErrorSpeaksTheUsersLanguage() throws Exception {
        List<String> problems = new CopyOnWriteArrayList<>();
        try (var context = browser.newContext(new Browser.NewContextOptions().setBaseURL(base())
                .setViewportSize(1280, 900))) {
            Page page = context.newPage();
            Chromium.watchErrors(page, problems, true);
            page.navigate("/login");
            page.getByLabel("Account name or email").fill("words");
            page.getByLabel("Password").fill(TestServer.password("words"));
            page.getByRole(AriaRole.BUTTON, named("Log in")).click();
            page.waitForURL(base() + "/");
            for (String[] p : new String[][] {{"/tables", "tables"}, {"/tables/invoices", "table-view"},
                {"/tables/invoices/design", "designer"}, {"/reports", "reports"}, {"/members", "members"},
                {"/shares", "shares"}, {"/tables/invoices/import", "import"}, {"/new-table", "new-table"},
                {"/tables/invoices/records/1/history", "history"}}) {
                visit(page, p[0], p[1]);
            }
            // the quick filter with a value its column cannot take
            visit(page, "/tables/invoices?fcol=total&fop=gt&fval=lots", "table-view-bad-filter");
            assertThat(page.locator("main").innerText()).contains("'lots' is not a number. The filter was not applied.");

            // the record form: money, and a value of the wrong kind
            page.navigate("/web/workspace/words/tables/invoices/new");
            page.getByLabel("Amount").fill("12,50,0");
            page.getByLabel("Currency").fill("EURO");
            page.getByRole(AriaRole.BUTTON, named("Create record")).click();
            assertPeoplesWords(page, "record form with errors");
            screenshot(page, "record-form-errors");

            // the designer: a default of the wrong type, and a name taken
            page.navigate("/web/workspace/words/tables/invoices/design");
            page.getByLabel("Column name", exact()).fill("Due Date");
            page.getByLabel("Type", exact()).selectOption("date");
            page.getByLabel("Default value (optional)").fill("next week");
            page.getByRole(AriaRole.BUTTON, named("Add column")).click();
            assertPeoplesWords(page, "designer with an error");
            screenshot(page, "designer-error");
            page.getByLabel("Default value (optional)").fill("");
            page.getByRole(AriaRole.BUTTON, named("Add column")).click();
            page.waitForURL("**/design?done=column-added**");
            assertThat(page.locator("#design-columns").textContent()).contains("Due Date").contains("due_date");

            // an import whose file has a column the table lacks
            page.navigate("/web/workspace/words/tables/customers/import");
            page.locator("#import-file").setInputFiles(new com.microsoft.playwright.options.FilePayload("c.csv",
                    "text/csv", "Name,Colour\nZed,red\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            page.getByRole(AriaRole.BUTTON, named("Upload and check")).click();
            assertThat(page.locator("main").innerText()).contains("Colour");
            assertPeoplesWords(page, "import with an unknown column");
            screenshot(page, "import-error");

            // an invitation to something that is no email address
            page.navigate("/web/workspace/words/members");
            page.getByLabel("Email address").fill("not an address");
            page.getByRole(AriaRole.BUTTON, named("Create invitation")).click();
            assertPeoplesWords(page, "members with an error");

            // a share link valid until a day that has passed
            page.navigate("/web/workspace/words/shares");
            if (page.getByRole(AriaRole.BUTTON, named("Next")).count() > 0) {
                page.getByRole(AriaRole.BUTTON, named("Next")).click();
                page.getByLabel("Valid until (optional)").fill("2001-01-01");
                page.getByRole(AriaRole.BUTTON, named("Create share link")).click();
                assertThat(page.locator("#expires-error").textContent()).contains("That day has passed");
                assertPeoplesWords(page, "share form with an error");
                screenshot(page, "share-form-error");
            }

            // the builder with a date filter that is no date
            page.navigate("/web/workspace/words/reports/new?table=invoices");
            preview(page, () -> page.getByLabel("Filter 1 column").selectOption("customer.name"));
            assertThat(page.locator("#preview-table").count()).as("a filter without its value waits").isOne();
            assertThat(page.locator("#f0_value-error").count()).isZero();
            preview(page, () -> page.getByLabel("Group by 1").selectOption("status"));
            preview(page, () -> page.getByLabel("Total 1", exact()).selectOption("avg"));
            preview(page, () -> page.getByLabel("Total 1 of column").selectOption("total"));
            assertPeoplesWords(page, "builder with a grouped preview");
            screenshot(page, "builder-grouped");
        }
        assertThat(problems).as("browser console errors").isEmpty();
    }
}
