package dev.cairn.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.cairn.billing.BillingFeature;
import dev.cairn.billing.plan.PricedPlan;
import dev.cairn.server.feature.Feature;
import dev.cairn.server.web.Chromium;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test: the screenshot tour that {@code scripts/screenshots} runs (skipped unless {@code cairn.screenshots} names
 * the output directory). It starts a real server with every feature, fills it with demo data through the agent and
 * the HTTP API (two backed-up repositories, a run report, a workspace from the orders template with records, a saved
 * report and its share link, an onsite-copy recipient, billing plans), then saves each main page at 1280 and 390 px
 * as {@code NAME-WIDTH.png} and writes {@code README.md} listing them.
 */
@EnabledIfSystemProperty(named = "cairn.screenshots", matches = ".+")
class ScreenshotTour {
    private static final int[] WIDTHS = {1280, 390};
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path tmp;
    RemoteFixture f;
    final HttpClient http = HttpClient.newHttpClient();

    /**
     * A page of the tour: its file name, what it shows, its path, who looks at it (null: nobody signed in) and what
     * they do before the picture is taken.
     */
    private record Shot(String name, String title, String path, String account, String password,
            Consumer<Page> action) {
        Shot(String name, String title, String path, String account, String password) {
            this(name, title, path, account, password, page -> { });
        }
    }

    @Test
    void tour() throws Exception {
        Path out = Path.of(System.getProperty("cairn.screenshots")).toAbsolutePath();
        Files.createDirectories(out);
        f = new RemoteFixture(tmp);
        try {
            List<Shot> shots = demo();
            try (Chromium.Session chrome = Chromium.launch()) {
                for (int width : WIDTHS) {
                    for (Shot shot : shots) {
                        take(chrome.browser(), shot, width, out);
                    }
                }
            }
            writeIndex(out, shots);
        } finally {
            f.close();
        }
    }

    private List<Shot> demo() throws Exception {
        String ann = RemoteFixture.ACCOUNT;
        String pw = RemoteFixture.LOGIN_PASSWORD;
        backups();
        String ws = "/web/workspace/" + ann;
        api("POST", "/api/v1/workspace/templates/orders-and-billing", null);
        long[] customers = new long[4];
        String[][] people = {{"Acme Trading", "ap@acme.example", "+41 44 555 01 01"},
            {"Bergmann & Söhne", "buchhaltung@bergmann.example", "+49 30 555 0199"},
            {"Café Lumière", "compta@lumiere.example", "+33 1 55 55 01 02"}, {"Delta Logistics", "", ""}};
        for (int i = 0; i < people.length; i++) {
            customers[i] = create("customers", "{\"name\":\"" + people[i][0] + "\",\"email\":"
                    + (people[i][1].isEmpty() ? "null" : "\"" + people[i][1] + "\"") + ",\"phone\":"
                    + (people[i][2].isEmpty() ? "null" : "\"" + people[i][2] + "\"")
                    + ",\"customer_since\":\"2024-0" + (i + 3) + "-15\"}");
        }
        long widget = create("products", "{\"sku\":\"W-100\",\"name\":\"Widget\",\"unit_price\":{\"amount\":"
                + "\"12.50\",\"currency\":\"EUR\"},\"vat_rate_percent\":\"19\"}");
        long gadget = create("products", "{\"sku\":\"G-200\",\"name\":\"Gadget\",\"unit_price\":{\"amount\":"
                + "\"1499.00\",\"currency\":\"EUR\"},\"vat_rate_percent\":\"19\"}");
        String[] statuses = {"draft", "confirmed", "shipped", "delivered", "cancelled", "confirmed", "shipped"};
        long firstOrder = 0;
        for (int i = 0; i < statuses.length; i++) {
            long id = create("orders", "{\"customer\":" + customers[i % 4]
                    + ",\"order_date\":\"2026-11-" + (10 + i) + "\",\"status\":\"" + statuses[i]
                    + "\",\"notes\":\"Deliver to the loading dock; call ahead.\"}");
            firstOrder = firstOrder == 0 ? id : firstOrder;
            orderLine(id, widget, "12.50", 4 + 3 * i);
            if (i % 2 == 0) {
                orderLine(id, gadget, "1499.00", 1 + i / 2);
            }
        }
        String[][] invoices = {{"INV-2026-001", "1250.00", "paid"}, {"INV-2026-002", "99.00", "sent"},
            {"INV-2026-003", "4300.50", "overdue"}, {"INV-2026-004", "12.50", "draft"},
            {"INV-2026-005", "780.00", "paid"}};
        for (int i = 0; i < invoices.length; i++) {
            long invoice = create("invoices", "{\"customer\":" + customers[i % 3]
                    + ",\"issue_date\":\"2026-11-2" + i + "\",\"due_date\":\"2026-12-2" + i + "\",\"total\":{"
                    + "\"amount\":\"" + invoices[i][1] + "\",\"currency\":\"EUR\"},\"status\":\"" + invoices[i][2]
                    + "\"}");
            if (invoices[i][2].equals("paid") || i == 2) {
                create("payments", "{\"invoice\":" + invoice + ",\"paid_on\":\"2026-11-2" + (i + 2) + "\","
                        + "\"amount\":{\"amount\":\"" + (i == 2 ? "1000.00" : invoices[i][1]) + "\",\"currency\":"
                        + "\"EUR\"},\"method\":\"bank_transfer\"}");
            }
        }
        long report = api("POST", "/api/v1/workspace/reports", "{\"name\":\"Invoice totals by customer\","
                + "\"table\":\"invoices\",\"groupBy\":[\"customer.name\"],\"aggregates\":[{\"fn\":\"count\"},"
                + "{\"fn\":\"sum\",\"column\":\"total\"}],\"sort\":[{\"column\":\"customer.name\",\"desc\":false}]}")
                .path("id").asLong();
        String shareToken = api("POST", "/api/v1/workspace/shares", "{\"report\":" + report + "}").path("token")
                .asText();
        onsiteRecipient();
        billing();
        return List.of(
                new Shot("sign-in", "Sign-in", "/login", null, null),
                new Shot("dashboard", "Dashboard", "/", ann, pw),
                new Shot("repository", "A repository: size over time, objects by kind, snapshots",
                        "/repositories/photos", ann, pw),
                new Shot("tokens", "API tokens", "/tokens", ann, pw),
                new Shot("alerts", "Alerts", "/alerts", ann, pw),
                new Shot("account", "Account: time zone, password", "/account/password", ann, pw),
                new Shot("devices", "Devices", "/devices", ann, pw),
                new Shot("workspace-tables", "Records: tables", ws + "/tables", ann, pw),
                new Shot("table-grid", "Records: the orders grid", ws + "/tables/orders", ann, pw),
                new Shot("table-grid-editing", "Records: a cell edited in place, refused (an email already in use)",
                        ws + "/tables/customers", ann, pw, ScreenshotTour::refusedEdit),
                new Shot("record", "Records: one record's form", ws + "/tables/orders/records/" + firstOrder, ann, pw),
                new Shot("report-builder", "Report builder", ws + "/reports/" + report, ann, pw),
                new Shot("report-result", "Report result", ws + "/reports/" + report + "/result", ann, pw),
                new Shot("share-page", "Share link (public page)", "/share/" + shareToken, null, null),
                new Shot("onsite-copy", "Onsite copy", "/web/export", ann, pw),
                new Shot("billing", "Billing", "/web/billing", ann, pw),
                new Shot("admin-overview", "Admin: overview, new accounts and plans", "/web/admin", "admin",
                        "admin password of the test"),
                new Shot("admin", "Admin: accounts", "/web/admin/accounts", "admin", "admin password of the test"),
                new Shot("admin-billing", "Admin: billing", "/web/admin/billing", "admin",
                        "admin password of the test"));
    }

    /** Two repositories backed up by the agent (the second twice), and a run report from a daemon. */
    private void backups() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("documents"));
        for (int i = 0; i < 20; i++) {
            Files.writeString(src.resolve("note-" + i + ".txt"), ("note " + i + " ").repeat(2000 + 500 * i));
        }
        f.ok("init", "-r", f.repo("laptop"));
        f.ok("backup", "-r", f.repo("laptop"), src.toString());
        f.ok("init", "-r", f.repo("photos"));
        f.ok("backup", "-r", f.repo("photos"), src.toString());
        Files.writeString(src.resolve("note-new.txt"), "a new note ".repeat(5000));
        f.ok("backup", "-r", f.repo("photos"), src.toString());
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        api("POST", "/api/v1/runs", "{\"runId\":\"" + UUID.randomUUID() + "\",\"kind\":\"backup\",\"set\":\"home\","
                + "\"repository\":\"laptop\",\"host\":\"ann-laptop\",\"startedAt\":\"" + now.minusSeconds(95)
                + "\",\"endedAt\":\"" + now + "\",\"status\":\"success\",\"filesNew\":21,\"bytesNew\":1200000,"
                + "\"bytesStored\":310000}");
    }

    /** A recipient for the onsite copy, from {@code cairn export keygen}. */
    private void onsiteRecipient() throws Exception {
        RemoteFixture.Result keygen = f.ok("export", "keygen", "--output", tmp.resolve("onsite.key").toString());
        Matcher m = Pattern.compile("age1[0-9a-z]+").matcher(keygen.out() + keygen.err());
        assertThat(m.find()).as("keygen prints the recipient: %s", keygen).isTrue();
        api("POST", "/api/v1/workspace/export/recipients", "{\"name\":\"Office NAS\",\"recipient\":\"" + m.group()
                + "\"}");
    }

    private void billing() {
        for (Feature.Running feature : f.server.core().features()) {
            if (feature instanceof BillingFeature.Started billing) {
                billing.module().plans().put(new PricedPlan("basic", 300, 10_000_000_000L, 0, 5000, 10_000, 0, null),
                        null, 0);
                billing.module().plans().put(new PricedPlan("pro", 900, 100_000_000_000L, 0, 3000, 8000, 0, null),
                        null, 0);
                f.server.core().accounts().setPlan(RemoteFixture.ACCOUNT, "basic");
            }
        }
    }

    private void orderLine(long order, long product, String price, int quantity) throws Exception {
        create("order_lines", "{\"order\":" + order + ",\"product\":" + product + ",\"quantity\":" + quantity
                + ",\"unit_price\":{\"amount\":\"" + price + "\",\"currency\":\"EUR\"}}");
    }

    private long create(String table, String body) throws Exception {
        return api("POST", "/api/v1/workspace/tables/" + table + "/records", body).path("id").asLong();
    }

    /** Calls the API with the account's full token; fails on an answer other than 2xx. */
    private JsonNode api(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(f.server() + path))
                .header("Authorization", "Bearer " + f.fullToken)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("%s %s: %s", method, path, r.body()).isBetween(200, 299);
        return r.body().isBlank() ? JSON.nullNode() : JSON.readTree(r.body());
    }

    private void take(Browser browser, Shot shot, int width, Path out) {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setBaseURL(f.server())
                .setViewportSize(width, width > 600 ? 800 : 844).setDeviceScaleFactor(1))) {
            Page page = context.newPage();
            if (shot.account() != null) {
                page.navigate("/login");
                page.getByLabel("Account name or email").fill(shot.account());
                page.getByLabel("Password").fill(shot.password());
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in").setExact(true)).click();
                page.waitForURL(url -> !url.contains("/login"));
            }
            page.navigate(shot.path());
            page.waitForLoadState();
            shot.action().accept(page);
            page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                    .setPath(out.resolve(shot.name() + "-" + width + ".png")));
        }
    }

    /** In the orders grid, types a number another order has into the first order's cell and presses Enter. */
    private static void refusedEdit(Page page) {
        page.locator("#records-table tbody tr").first().locator("[data-col=email]").dblclick();
        page.keyboard().press("ControlOrMeta+a");
        page.keyboard().type("compta@lumiere.example");
        page.keyboard().press("Enter");
        page.locator("#grid-error:not(:empty)").waitFor();
    }

    private static void writeIndex(Path out, List<Shot> shots) throws Exception {
        List<String> lines = new ArrayList<>(List.of("# Screenshots", "",
                "Each main page of the web UI at 1280 and 390 px wide, with demo data. Made by `scripts/screenshots`",
                "(a real server with every feature, in a headless Debian chromium); run it again after changing a page.",
                "", "| page | path | 1280 px | 390 px |", "|---|---|---|---|"));
        for (Shot s : shots) {
            String path = s.path().startsWith("/share/") ? "/share/{token}" : s.path();
            lines.add("| " + s.title() + " | `" + path + "` | [" + s.name() + "-1280.png](" + s.name()
                    + "-1280.png) | [" + s.name() + "-390.png](" + s.name() + "-390.png) |");
        }
        Files.write(out.resolve("README.md"), lines);
    }
}
