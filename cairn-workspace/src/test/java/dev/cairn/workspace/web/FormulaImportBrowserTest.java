package dev.cairn.workspace.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import dev.cairn.server.TestServer;
import dev.cairn.server.web.Chromium;
import dev.cairn.workspace.WorkspaceServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Formula columns and imports by natural key in a real headless Chromium: start from the orders template with sample
 * data, add a formula column (first with a misspelt column, which the page names with its position and a suggestion),
 * then import order lines that name their order and product by number and SKU, and import only the valid rows of a
 * file with a bad row (reported, with a CSV to download). The order totals follow. Screenshots (1280 and 390 px wide)
 * go to {@code target/screenshots/}.
 */
class FormulaImportBrowserTest {
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

    private static void shoot(Page page, String name) {
        Path shots = Path.of("target", "screenshots");
        for (int width : new int[] {1280, 390}) {
            page.setViewportSize(width, 900);
            page.screenshot(new Page.ScreenshotOptions().setPath(shots.resolve(name + "-" + width + ".png"))
                    .setFullPage(true));
        }
        page.setViewportSize(1280, 900);
    }

    private static FilePayload csv(String name, String text) {
        return new FilePayload(name, "text/csv", text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aFormulaColumnAndAnImportByNaturalKey() {
        server.account("formulas");
        List<String> problems = new CopyOnWriteArrayList<>();
        try (var context = browser.newContext(new Browser.NewContextOptions().setBaseURL(base()))) {
            Page page = context.newPage();
            Chromium.watchErrors(page, problems, true);
            page.navigate("/login");
            page.getByLabel("Account name or email").fill("formulas");
            page.getByLabel("Password").fill(TestServer.password("formulas"));
            page.getByRole(AriaRole.BUTTON, named("Log in")).click();
            page.waitForURL(base() + "/");
            page.navigate("/web/workspace/formulas/tables");
            page.getByLabel("Start with sample data").check();
            page.getByRole(AriaRole.BUTTON, named("Create tables")).click();
            page.waitForURL("**/tables?done=template");

            // the designer: a misspelt column is named with its position and the closest name
            page.navigate("/web/workspace/formulas/tables/orders/design");
            page.getByLabel("Column name", exact()).fill("large");
            page.getByLabel("Type", exact()).selectOption("formula");
            page.getByLabel("Formula (formula columns)").fill("totl > 300");
            page.getByRole(AriaRole.BUTTON, named("Add column")).click();
            assertThat(page.locator("#add-formula-error").textContent())
                    .contains("Unknown column 'totl' at 1; did you mean 'Total'?");
            assertThat(page.getByLabel("Formula (formula columns)").inputValue()).isEqualTo("totl > 300");
            shoot(page, "formula-error");
            page.getByLabel("Formula (formula columns)").fill("total > 300");
            page.getByRole(AriaRole.BUTTON, named("Add column")).click();
            page.waitForURL("**/design?done=column-added**");
            assertThat(page.locator("#design-columns").textContent()).contains("formula (boolean)")
                    .contains("= total > 300").contains("auto-number");

            // an import whose references name records by order number and product SKU
            page.navigate("/web/workspace/formulas/tables/order_lines/import");
            page.locator("#import-file").setInputFiles(csv("lines.csv",
                    "Order,Product,Quantity,Unit price\nSO-1002,MUG-3,3,7.50\n"));
            page.getByRole(AriaRole.BUTTON, named("Upload and check")).click();
            assertThat(page.locator("#check-summary").textContent()).contains("1 row(s) read, 1 valid, 0 problem(s)");
            shoot(page, "import-check");
            page.getByRole(AriaRole.BUTTON, named("Import all rows")).click();
            assertThat(page.locator("#imported").textContent()).contains("Imported 1 record(s)");

            // the valid rows only: the bad ones are listed and offered as a CSV
            page.locator("#import-file").setInputFiles(csv("more.csv",
                    "Order,Product,Quantity,Unit price\nSO-1003,LAMP-1,1,39.90\nSO-9999,LAMP-1,1,39.90\n"
                            + "SO-1003,NOPE,1,1\n"));
            page.getByRole(AriaRole.BUTTON, named("Upload and check")).click();
            assertThat(page.locator("#check-summary").textContent()).contains("3 row(s) read, 1 valid");
            page.getByRole(AriaRole.BUTTON, named("Import the valid rows only")).click();
            assertThat(page.locator("#imported").textContent()).contains("Imported 1 record(s)");
            assertThat(page.locator("#not-imported").textContent()).contains("2 row(s) had problems");
            assertThat(page.locator("#import-errors").textContent()).contains("Row 3: order")
                    .contains("No record of 'orders' has 'SO-9999' as its number").contains("Row 4: product");
            assertThat(page.locator("#problem-report").getAttribute("href")).startsWith("data:text/csv")
                    .contains("SO-9999");
            shoot(page, "import-valid-only");

            // the totals follow the imported lines; the new formula column filters
            page.navigate("/web/workspace/formulas/tables/orders");
            String table = page.locator("main").textContent();
            assertThat(table).contains("SO-1002").contains("400.50").contains("264.90");
            shoot(page, "orders-with-formulas");
        }
        assertThat(problems).as("browser console errors (CSP violations, script errors)").isEmpty();
    }
}
