package dev.cairn.billing.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.cairn.billing.BillingFeature;
import dev.cairn.billing.plan.PricedPlan;
import dev.cairn.billing.service.BillingModule;
import dev.cairn.billing.usage.BillingMonth;
import dev.cairn.server.TestServer;
import dev.cairn.server.web.Chromium;
import dev.cairn.testkit.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The customer's billing page and the admin console in a real headless Chromium with JavaScript off: the customer
 * sees the plan, the month so far and the forecast, opens last month's invoice and downloads its PDF, changes plan
 * (the month so far then shows both plans, pro rata), and the administrator sees the account, the invoice and the
 * change in the audit log. Screenshots are left in {@code target/billing.png} and {@code target/billing-admin.png}.
 */
class BillingBrowserTest {
    @TempDir
    Path dir;

    @Test
    void aCustomerSeesUsageDownloadsAnInvoiceAndChangesPlan() throws Exception {
        List<String> problems = new CopyOnWriteArrayList<>();
        MutableClock clock = MutableClock.at(Instant.parse("2027-01-10T00:00:00Z"));
        try (TestServer server = TestServer.start(dir.resolve("server"), c -> c, clock, List.of(new BillingFeature()));
                Chromium.Session chrome = Chromium.launch();
                BrowserContext context = chrome.browser().newContext(new Browser.NewContextOptions()
                        .setBaseURL(server.uri("").toString()).setJavaScriptEnabled(false).setAcceptDownloads(true))) {
            BillingModule billing = ((BillingFeature.Started) server.core().features().getFirst()).module();
            billing.plans().put(new PricedPlan("basic", 300, 10_000_000_000L, 0, 5000, 10_000, 0, null), null, 0);
            billing.plans().put(new PricedPlan("pro", 900, 100_000_000_000L, 0, 3000, 8000, 0, null), null, 0);
            long ann = server.account("ann").id();
            server.core().accounts().setPlan("ann", "basic");
            server.core().quota().reserve(ann, 25_000_000_000L);
            server.core().quota().commit(ann, "laptop", 25_000_000_000L, 25_000_000_000L);
            server.core().meter().egress(ann, 3_000_000_000L);
            server.core().meter().flush();
            clock.set(Instant.parse("2027-02-01T00:00:01Z"));
            billing.invoicing().issue(BillingMonth.parse("2027-01", ZoneOffset.UTC), "test");
            clock.set(Instant.parse("2027-02-10T12:00:00Z"));

            Page page = context.newPage();
            page.onPageError(problems::add);
            page.navigate("/login");
            page.getByLabel("Account name or email").fill("ann");
            page.getByLabel("Password").fill(TestServer.password("ann"));
            button(page, "Log in").click();
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Billing").setExact(true)).click();
            assertThat(page.locator("#current-plan").textContent()).isEqualTo("basic");
            assertThat(page.locator("#sofar-total").textContent()).endsWith("EUR");
            assertThat(page.locator("#forecast-total").textContent()).endsWith("EUR");
            assertThat(page.locator("#invoices").textContent()).contains("INV-202701-", "2027-01", "open");
            page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(Path.of("target/billing.png")));

            page.locator("#invoices a").first().click();
            String total = page.locator("#invoice-total").textContent();
            assertThat(total).endsWith("EUR");
            Download pdf = page.waitForDownload(() -> page.getByRole(AriaRole.LINK,
                    new Page.GetByRoleOptions().setName("Download PDF")).click());
            assertThat(new String(Files.readAllBytes(pdf.path()), 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo("%PDF-");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Back to billing")).click();

            page.getByLabel("pro", new Page.GetByLabelOptions().setExact(false)).first().check();
            button(page, "Change plan").click();
            assertThat(page.locator("[role=status]").first().textContent()).contains("Plan changed");
            assertThat(page.locator("#current-plan").textContent()).isEqualTo("pro");
            clock.advance(java.time.Duration.ofHours(6));
            page.navigate("/web/billing");
            assertThat(page.locator("#sofar-lines").textContent()).contains("Plan basic", "Plan pro");

            page.navigate("/logout");
            page.navigate("/login");
            page.getByLabel("Account name or email").fill("admin");
            page.getByLabel("Password").fill(TestServer.ADMIN_PASSWORD);
            button(page, "Log in").click();
            page.navigate("/web/admin/billing");
            assertThat(page.locator("#billing-accounts").textContent()).contains("ann", "pro");
            assertThat(page.locator("#admin-invoices").textContent()).contains("INV-202701-");
            assertThat(page.locator("#billing-audit").textContent()).contains("plan change (customer)");
            page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(Path.of("target/billing-admin.png")));
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("ann").setExact(true)).click();
            assertThat(page.locator("#usage-days").textContent()).contains("2027-01-10");
            page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(Path.of("target/billing-usage.png")));
        }
        assertThat(problems).isEmpty();
    }

    private static Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }
}
