package dev.cairn.workspace.web;

import static dev.cairn.workspace.model.ColumnType.CHOICE;
import static dev.cairn.workspace.model.ColumnType.DATE;
import static dev.cairn.workspace.model.ColumnType.INTEGER;
import static dev.cairn.workspace.model.ColumnType.LONG_TEXT;
import static dev.cairn.workspace.model.ColumnType.MONEY;
import static dev.cairn.workspace.model.ColumnType.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import dev.cairn.server.TestServer;
import dev.cairn.server.web.Chromium;
import dev.cairn.workspace.JsonRecords;
import dev.cairn.workspace.WorkspaceServer;
import dev.cairn.workspace.members.Caller;
import dev.cairn.workspace.schema.ColumnSpec;
import dev.cairn.workspace.schema.TableSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The table view as a grid in a real headless Chromium, driven by the keyboard only: arrows to a cell, Enter to edit,
 * Tab to save and edit the next, Enter to save; a refused value keeps the editor with the message; Escape restores the
 * cell; a stale edit shows the current value and overwrites only on a second Enter; a write without the CSRF token is
 * refused; an empty table shows its headers; at 390 px the grid scrolls sideways under a sticky record column. Each
 * check reads the stored record back through the record service, not only the page.
 */
class GridBrowserTest {
    @TempDir
    static Path dir;
    static TestServer server;
    static Chromium.Session chrome;
    static Browser browser;
    BrowserContext context;
    final List<String> problems = new CopyOnWriteArrayList<>();

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

    @AfterEach
    void close() {
        if (context != null) {
            context.close();
        }
        assertThat(problems).as("browser console errors (CSP violations, script errors)").isEmpty();
    }

    private static String base() {
        return "http://127.0.0.1:" + server.app().port();
    }

    private static Caller owner(String name) {
        var account = server.core().accounts().require(name);
        return WorkspaceServer.module(server).workspaces().resolve(account.id(), name, null, false);
    }

    private static JsonRecords records() {
        return new JsonRecords(WorkspaceServer.module(server).records());
    }

    /** A workspace of {@code name} with a tasks table of two records; returns the first record's id. */
    private static long tasks(String name) {
        server.account(name);
        Caller c = owner(name);
        WorkspaceServer.module(server).tables().create(c, new TableSpec("tasks", "Tasks", List.of(
                ColumnSpec.of("title", TEXT).asRequired(), ColumnSpec.of("qty", INTEGER),
                ColumnSpec.of("status", CHOICE).withChoices("todo", "doing", "done"),
                ColumnSpec.of("price", MONEY).inCurrency("EUR"), ColumnSpec.of("budget", MONEY),
                ColumnSpec.of("due", DATE),
                ColumnSpec.of("notes", LONG_TEXT))));
        long first = ((Number) records().create(c, "tasks", task("Write the spec", 3, "todo")).get("id")).longValue();
        records().create(c, "tasks", task("Review the grid", 5, "doing"));
        return first;
    }

    private static ObjectNode task(String title, int qty, String status) {
        return JsonNodeFactory.instance.objectNode().put("title", title).put("qty", qty).put("status", status)
                .put("price", "12.50").put("due", "2026-12-24").put("notes", "a long note");
    }

    private static Map<String, Object> stored(String name, long id) {
        return records().get(owner(name), "tasks", id);
    }

    private Page signIn(String name, int width) {
        context = browser.newContext(new Browser.NewContextOptions().setBaseURL(base()).setViewportSize(width, 800));
        Page page = context.newPage();
        Chromium.watchErrors(page, problems, true);
        page.navigate("/login");
        page.getByLabel("Account name or email").fill(name);
        page.getByLabel("Password").fill(TestServer.password(name));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in").setExact(true)).click();
        page.waitForURL(base() + "/");
        return page;
    }

    /** Tabs from the filter form's button into the grid (its one tab stop), as a keyboard user arrives. */
    private static void tabIntoGrid(Page page) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply")).focus();
        page.keyboard().press("Tab");
    }

    private static String focused(Page page) {
        return (String) page.evaluate("() => { const e = document.activeElement; const row = e.closest('tr');"
                + " return ((row && row.dataset.id) || '') + ':' + (e.dataset.col || e.id || e.tagName); }");
    }

    private static Locator cell(Page page, long id, String column) {
        return page.locator("#row-" + id + " [data-col=" + column + "]");
    }

    private static void assertAccessible(Page page, String what) {
        @SuppressWarnings("unchecked")
        List<String> found = (List<String>) page.evaluate(Chromium.AUDIT);
        assertThat(found).as(what).isEmpty();
    }

    @Test
    void theKeyboardAloneEditsCellsTabMovesOnAndEnterSaves() {
        long id = tasks("kira");
        Page page = signIn("kira", 1280);
        page.navigate("/web/workspace/kira/tables/tasks");
        assertThat(page.getByRole(AriaRole.GRID).count()).isEqualTo(1);
        assertThat(page.getByRole(AriaRole.COLUMNHEADER).allTextContents()).containsExactly("#", "Title", "Qty",
                "Status", "Price", "Budget", "Due");
        assertThat(cell(page, id, "status").locator(".chip").getAttribute("class")).isEqualTo("chip chip-0");
        assertThat(page.locator("#row-" + (id + 1) + " .chip").getAttribute("class")).isEqualTo("chip chip-1");

        tabIntoGrid(page);
        assertThat(focused(page)).isEqualTo(id + ":TH");
        page.keyboard().press("ArrowRight");
        assertThat(focused(page)).isEqualTo(id + ":title");
        page.keyboard().press("Enter");
        assertThat(focused(page)).isEqualTo(id + ":grid-editor");
        assertThat(page.locator("#grid-editor").inputValue()).isEqualTo("Write the spec");
        assertAccessible(page, "grid with an open editor");
        page.keyboard().type("Write the grid"); // the editor opened with its text selected: typing replaces it
        page.keyboard().press("Tab");
        page.waitForCondition(() -> focused(page).equals(id + ":grid-editor")
                && page.locator("#grid-editor").inputValue().equals("3"));
        assertThat(cell(page, id, "title").textContent()).isEqualTo("Write the grid");
        page.keyboard().type("7");
        page.keyboard().press("Enter");
        page.waitForCondition(() -> focused(page).equals(id + ":qty"));
        assertThat(cell(page, id, "qty").textContent()).isEqualTo("7");
        assertThat(stored("kira", id)).containsEntry("title", "Write the grid").containsEntry("qty", 7L)
                .containsEntry("version", 3L);

        // a choice: its editor is a select of the column's choices; the chip takes the choice's colour
        page.keyboard().press("ArrowRight");
        page.keyboard().press("F2");
        page.locator("#grid-editor").selectOption("done");
        page.keyboard().press("Enter");
        page.waitForCondition(() -> cell(page, id, "status").locator(".chip").count() == 1
                && "done".equals(cell(page, id, "status").textContent()));
        assertThat(cell(page, id, "status").locator(".chip").getAttribute("class")).isEqualTo("chip chip-2");
        assertThat(stored("kira", id)).containsEntry("status", "done");

        // typing on a cell opens its editor with that key; moving down and typing edits the next record
        page.keyboard().press("ArrowLeft");
        page.keyboard().press("ArrowDown");
        page.keyboard().type("9");
        assertThat(page.locator("#grid-editor").inputValue()).isEqualTo("9");
        page.keyboard().press("Enter");
        page.waitForCondition(() -> "9".equals(cell(page, id + 1, "qty").textContent()));
        assertThat(stored("kira", id + 1)).containsEntry("qty", 9L);
        assertThat(page.locator("#grid-status").textContent()).isEqualTo("Saved Qty.");

        // a money cell without a fixed currency takes "amount currency"; the amount alone is refused
        page.keyboard().press("ArrowRight");
        page.keyboard().press("ArrowRight");
        page.keyboard().press("ArrowRight");
        page.keyboard().type("99.5");
        page.keyboard().press("Enter");
        page.waitForCondition(() -> !page.locator("#grid-error").textContent().isEmpty());
        assertThat(page.locator("#grid-error").textContent()).startsWith("Budget: ").containsIgnoringCase("currency");
        page.keyboard().type(" chf");
        page.keyboard().press("Enter");
        page.waitForCondition(() -> "99.50 CHF".equals(cell(page, id + 1, "budget").textContent()));
        assertThat(stored("kira", id + 1).get("budget")).isEqualTo(Map.of("amount", "99.50", "currency", "CHF"));

        // Enter on a heading sorts by it (htmx swaps the grid in) and the focus stays on that heading
        page.keyboard().press("Control+Home");
        page.keyboard().press("ArrowRight");
        page.keyboard().press("ArrowRight");
        page.keyboard().press("Enter");
        page.waitForCondition(() -> "ascending".equals(page.locator("th[data-col=qty]").getAttribute("aria-sort")));
        page.waitForCondition(() -> focused(page).equals(":qty"));
        assertThat(page.locator("#records-table tbody tr").first().getAttribute("data-id")).isEqualTo(
                String.valueOf(id));
    }

    @Test
    void aRefusedValueKeepsTheEditorWithTheMessageAndEscapeRestoresTheCell() {
        long id = tasks("luis");
        Page page = signIn("luis", 1280);
        page.navigate("/web/workspace/luis/tables/tasks");
        tabIntoGrid(page);
        page.keyboard().press("ArrowRight");
        page.keyboard().press("ArrowRight");
        page.keyboard().press("Enter");
        page.keyboard().type("many");
        page.keyboard().press("Enter");
        Locator error = page.locator("#grid-error");
        page.waitForCondition(() -> !error.textContent().isEmpty());
        assertThat(error.textContent()).startsWith("Qty: ").contains("whole number");
        assertThat(page.locator("#grid-editor").inputValue()).isEqualTo("many");
        assertThat(page.locator("#grid-editor").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(page.locator("#grid-editor").getAttribute("aria-describedby")).contains("grid-error");
        assertThat(focused(page)).isEqualTo(id + ":grid-editor");
        assertAccessible(page, "grid with a refused value");

        page.keyboard().press("Escape");
        assertThat(focused(page)).isEqualTo(id + ":qty");
        assertThat(cell(page, id, "qty").textContent()).isEqualTo("3");
        assertThat(error.textContent()).isEmpty();
        assertThat(stored("luis", id)).containsEntry("qty", 3L).containsEntry("version", 1L);

        // a required column cannot be emptied, as in the form
        page.keyboard().press("ArrowLeft");
        page.keyboard().press("Enter");
        page.keyboard().press("Backspace");
        page.keyboard().press("Enter");
        page.waitForCondition(() -> !error.textContent().isEmpty());
        assertThat(error.textContent()).startsWith("Title: ").contains("required");
        page.keyboard().press("Escape");
        assertThat(cell(page, id, "title").textContent()).isEqualTo("Write the spec");
        assertThat(stored("luis", id)).containsEntry("title", "Write the spec");
    }

    @Test
    void aStaleEditShowsTheCurrentValueAndOverwritesOnlyWhenSavedAgain() {
        long id = tasks("mina");
        Page page = signIn("mina", 1280);
        page.navigate("/web/workspace/mina/tables/tasks");
        // someone else changes the record after the page was shown
        records().update(owner("mina"), "tasks", id, 1L, JsonNodeFactory.instance.objectNode().put("qty", 11));
        tabIntoGrid(page);
        page.keyboard().press("ArrowRight");
        page.keyboard().press("ArrowRight");
        page.keyboard().type("12");
        page.keyboard().press("Enter");
        Locator error = page.locator("#grid-error");
        page.waitForCondition(() -> !error.textContent().isEmpty());
        assertThat(error.textContent()).contains("Someone else changed this record").contains("Qty is now “11”")
                .contains("your “12” was not saved");
        assertThat(stored("mina", id)).containsEntry("qty", 11L).containsEntry("version", 2L);
        assertThat(page.locator("#row-" + id).getAttribute("data-version")).isEqualTo("2");
        assertThat(page.locator("#grid-editor").inputValue()).isEqualTo("12");
        assertThat(focused(page)).isEqualTo(id + ":grid-editor");

        page.keyboard().press("Enter"); // now deliberate: saved over the current version
        page.waitForCondition(() -> "12".equals(cell(page, id, "qty").textContent()));
        assertThat(error.textContent()).isEmpty();
        assertThat(stored("mina", id)).containsEntry("qty", 12L).containsEntry("version", 3L);

        // the grid's writes need the session's CSRF token like every form
        Object status = page.evaluate("async () => (await fetch(document.querySelector('#row-" + id
                + "').dataset.href + '/cell', {method: 'POST', body: new URLSearchParams({column: 'qty', value: '1',"
                + " version: '3'})})).status");
        assertThat(status).isEqualTo(403);
        assertThat(stored("mina", id)).containsEntry("qty", 12L);
    }

    /**
     * Sort by status, then by a computed column descending, from the filter form; then a heading makes its column the
     * first key and keeps the others; the form follows the heading (htmx swaps it in) and the URL keeps every key.
     */
    @Test
    void sortsBySeveralColumnsComputedOnesIncludedFromTheFormAndTheHeadings() {
        server.account("omar");
        Caller c = owner("omar");
        WorkspaceServer.module(server).tables().create(c, new TableSpec("items", "Items", List.of(
                ColumnSpec.of("title", TEXT).asRequired(), ColumnSpec.of("qty", INTEGER),
                ColumnSpec.of("status", CHOICE).withChoices("todo", "done"),
                ColumnSpec.formula("double", "qty * 2").labelled("Double quantity"))));
        String[][] rows = {{"Anvil", "1", "todo"}, {"Bolt", "3", "done"}, {"Chain", "2", "todo"}, {"Drill", "5", "done"}};
        for (String[] r : rows) {
            records().create(c, "items", JsonNodeFactory.instance.objectNode().put("title", r[0])
                    .put("qty", Integer.parseInt(r[1])).put("status", r[2]));
        }
        Page page = signIn("omar", 1280);
        page.navigate("/web/workspace/omar/tables/items");
        page.getByLabel("Sort by").selectOption(new SelectOption().setLabel("Status"));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply")).click();
        page.waitForURL(u -> u.contains("s0=status"));
        page.getByLabel("Then by").selectOption(new SelectOption().setLabel("Double quantity"));
        page.locator("#s1_desc").check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply")).click();
        page.waitForURL(u -> u.contains("s1=double"));
        assertThat(titles(page)).containsExactly("Drill", "Bolt", "Chain", "Anvil");
        assertThat(page.locator("th[data-col=status]").getAttribute("aria-sort")).isEqualTo("ascending");
        assertThat(page.locator("th[data-col=double]").getAttribute("aria-sort")).isNull();

        page.locator("th[data-col=title] a").click();
        page.waitForURL(u -> u.contains("sort=title%2Cstatus%2C-double") || u.contains("sort=title,status,-double"));
        page.waitForCondition(() -> "ascending".equals(page.locator("th[data-col=title]").getAttribute("aria-sort")));
        assertThat(titles(page)).containsExactly("Anvil", "Bolt", "Chain", "Drill");
        assertThat(page.locator("#s0").inputValue()).isEqualTo("title");
        assertThat(page.locator("#s1").inputValue()).isEqualTo("status");
        assertThat(page.locator("#s2").inputValue()).isEqualTo("double");
        assertThat(page.locator("#s2_desc").isChecked()).isTrue();

        page.locator("th[data-col=title] a").click();
        page.waitForCondition(() -> "descending".equals(page.locator("th[data-col=title]").getAttribute("aria-sort")));
        assertThat(titles(page)).containsExactly("Drill", "Chain", "Bolt", "Anvil");
    }

    private static List<String> titles(Page page) {
        return page.locator("#records-table tbody td[data-col=title]").allTextContents().stream().map(String::strip)
                .toList();
    }

    @Test
    void anEmptyTableShowsItsHeadersAndAt390PixelsTheGridScrollsUnderAStickyRecordColumn() throws Exception {
        tasks("nora");
        Caller c = owner("nora");
        WorkspaceServer.module(server).tables().create(c, new TableSpec("empty_things", "Empty things", List.of(
                ColumnSpec.of("name", TEXT), ColumnSpec.of("size", INTEGER))));
        Page page = signIn("nora", 390);
        page.navigate("/web/workspace/nora/tables/empty_things");
        assertThat(page.getByRole(AriaRole.COLUMNHEADER).allTextContents()).containsExactly("#", "Name", "Size");
        assertThat(page.locator("#no-records").textContent()).startsWith("No records yet");
        assertAccessible(page, "empty table");

        page.navigate("/web/workspace/nora/tables/tasks");
        assertAccessible(page, "grid at 390 px");
        Path shots = Path.of("target", "grid-screenshots");
        Files.createDirectories(shots);
        page.screenshot(new Page.ScreenshotOptions().setPath(shots.resolve("grid-390.png")).setFullPage(true));
        assertThat((Number) page.evaluate("() => document.documentElement.scrollWidth")).isEqualTo(390);
        Locator box = page.locator(".grid-scroll");
        assertThat((Boolean) box.evaluate("b => b.scrollWidth > b.clientWidth + 100")).isTrue();
        double headBefore = page.locator("#records-table tbody .rowhead").first().boundingBox().x;
        double dueBefore = page.locator("#records-table tbody [data-col=due]").first().boundingBox().x;
        tabIntoGrid(page);
        for (int i = 0; i < 6; i++) {
            page.keyboard().press("ArrowRight"); // focus scrolls the box to the cell
        }
        assertThat(focused(page)).endsWith(":due");
        assertThat((Number) box.evaluate("b => b.scrollLeft")).isNotEqualTo(0);
        assertThat(page.locator("#records-table tbody .rowhead").first().boundingBox().x).isEqualTo(headBefore);
        assertThat(page.locator("#records-table tbody [data-col=due]").first().boundingBox().x).isLessThan(dueBefore);
        page.screenshot(new Page.ScreenshotOptions().setPath(shots.resolve("grid-390-scrolled.png")));
    }
}
