package dev.cairn.billing.web;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import dev.cairn.billing.http.BillingApi;
import dev.cairn.billing.invoice.Invoice;
import dev.cairn.billing.money.CurrencyUnit;
import dev.cairn.billing.pay.BillingAccount;
import dev.cairn.billing.service.BillingModule;
import dev.cairn.billing.service.PlanChanges;
import dev.cairn.server.auth.Principal;
import dev.cairn.server.error.ServiceException;
import dev.cairn.server.http.Role;
import dev.cairn.server.http.Route;
import dev.cairn.server.web.Format;
import dev.cairn.server.web.NavLink;
import dev.cairn.server.web.Pages;
import dev.cairn.server.web.WebKit;
import io.javalin.http.Context;
import java.util.List;

/**
 * The customer's billing page ({@code /web/billing}: plan, usage this month, the month so far and the forecast with
 * their lines, invoices to view and download, change plan, payment method) and the administrator's console
 * ({@code /web/admin/billing}: accounts with plan, usage, balance, state and forecast; plans; invoices; audit log).
 * Session only, CSRF on every POST, no JavaScript needed. Thread-safe.
 */
public final class BillingPages {
    public static final String BASE = "/web/billing";
    public static final String ADMIN = "/web/admin/billing";
    public static final NavLink NAV = new NavLink("billing", "Billing", BASE, false);
    public static final NavLink ADMIN_NAV = new NavLink("admin-billing", "Billing admin", ADMIN, true);
    static final String TEMPLATES = "dev.cairn.billing.web.templates";
    private final Pages pages;
    private final BillingModule module;
    private final PlanChanges changes;

    private BillingPages(Pages pages, BillingModule module) {
        this.pages = pages;
        this.module = module;
        this.changes = new PlanChanges(module.jdbi(), module.clock(), module.plans());
    }

    public static List<Route> routes(WebKit web, BillingModule module) {
        BillingPages p = new BillingPages(web.pages().withTemplates(TEMPLATES), module);
        BillingApi.Handlers files = new BillingApi.Handlers(module);
        return List.of(new Route(GET, BASE, Role.SESSION_USER, p::page),
                new Route(POST, BASE + "/plan", Role.SESSION_USER, p::changePlan),
                new Route(POST, BASE + "/payment-method", Role.SESSION_USER, p::paymentMethod),
                new Route(GET, BASE + "/invoices/{id}", Role.SESSION_USER, p::invoice),
                new Route(GET, BASE + "/files/{file}", Role.SESSION_USER, files::one),
                new Route(GET, ADMIN, Role.ADMIN, p::admin),
                new Route(GET, ADMIN + "/accounts/{name}", Role.ADMIN, p::adminAccount));
    }

    void page(Context ctx) {
        show(ctx, 200, null, noticeOf(ctx.queryParam("done")));
    }

    private static String noticeOf(String done) {
        return switch (String.valueOf(done)) {
            case "plan" -> "Plan changed. This month is billed pro rata: the old plan up to now, the new one from now.";
            case "payment" -> "Payment method saved.";
            default -> null;
        };
    }

    void changePlan(Context ctx) {
        Principal p = pages.principal(ctx);
        String before = module.accounts().get(p.accountId()).plan();
        try {
            changes.change(p.accountId(), String.valueOf(ctx.formParam("plan")));
        } catch (ServiceException e) {
            show(ctx, e.code().status(), Format.sentence(e.getMessage()), null);
            return;
        }
        module.audit().record(p.accountName(), "plan change (customer)", p.accountName(), before, ctx.formParam("plan"));
        Pages.seeOther(ctx, BASE + "?done=plan");
    }

    void paymentMethod(Context ctx) {
        Principal p = pages.principal(ctx);
        String ref = String.valueOf(ctx.formParam("method")).trim();
        if (ref.isEmpty() || ref.length() > 200) {
            show(ctx, 422, "Enter the payment method's reference (1 to 200 characters).", null);
            return;
        }
        module.accounts().setPaymentMethod(p.accountId(), ref);
        Pages.seeOther(ctx, BASE + "?done=payment");
    }

    void invoice(Context ctx) {
        Principal p = pages.principal(ctx);
        Invoice i;
        try {
            i = module.invoices().get(Long.parseLong(ctx.pathParam("id")));
        } catch (NumberFormatException e) {
            throw ServiceException.notFound("no such invoice");
        }
        if (i.accountId() != p.accountId() && !p.admin()) {
            throw ServiceException.notFound("no such invoice");
        }
        CurrencyUnit c = CurrencyUnit.of(i.currency());
        pages.render(ctx, 200, "invoicePage.jte", pages.chrome(ctx, "Invoice " + i.number(), NAV.key()),
                "invoice", BillingViews.InvoiceRow.of(i), "lines", BillingViews.LineRow.of(i.lines(), c),
                "period", BillingViews.day(i.periodStart()) + " to " + BillingViews.day(i.periodEnd()));
    }

    private void show(Context ctx, int status, String problem, String notice) {
        Principal p = pages.principal(ctx);
        BillingAccount a = module.accounts().get(p.accountId());
        CurrencyUnit c = module.settings().currency();
        pages.render(ctx, status, "billingPage.jte", pages.chrome(ctx, "Billing", NAV.key()),
                "plan", a.plan(), "stored", Format.bytes(a.storedBytes()), "state", a.state(),
                "balance", c.format(a.balanceMinor()), "prepaid", a.prepaid(),
                "paymentMethod", a.paymentMethod() == null ? "" : a.paymentMethod(),
                "sofar", BillingViews.DraftView.of(module.invoicing().preview(p.accountId())),
                "forecast", BillingViews.DraftView.of(module.invoicing().forecast(p.accountId())),
                "invoices", module.invoices().list(p.accountId()).stream().map(BillingViews.InvoiceRow::of).toList(),
                "plans", module.plans().list().stream().filter(x -> x.retiredAt() == null && !x.isFree()
                        || x.name().equals(a.plan())).map(x -> BillingViews.PlanRow.of(x, c)).toList(),
                "problem", problem, "notice", notice);
    }

    void adminAccount(Context ctx) {
        BillingAccount a = module.accounts().byName(ctx.pathParam("name"));
        pages.render(ctx, 200, "adminAccountPage.jte", pages.chrome(ctx, "Usage of " + a.accountName(), ADMIN_NAV.key()),
                "account", a.accountName(), "days", BillingViews.UsageBar.of(
                        new dev.cairn.billing.usage.UsageHistory(module.jdbi()).lastDays(a.accountId(), 90)),
                "invoices", module.invoices().list(a.accountId()).stream().map(BillingViews.InvoiceRow::of).toList());
    }

    void admin(Context ctx) {
        CurrencyUnit c = module.settings().currency();
        pages.render(ctx, 200, "adminBillingPage.jte", pages.chrome(ctx, "Billing admin", ADMIN_NAV.key()),
                "accounts", module.accounts().list().stream().map(a -> BillingViews.AccountRow.of(a, c,
                        module.invoicing().forecast(a.accountId()).totalMinor())).toList(),
                "plans", module.plans().list().stream().map(x -> BillingViews.PlanRow.of(x, c)).toList(),
                "invoices", module.invoices().list(null).stream().limit(200).map(BillingViews.InvoiceRow::of).toList(),
                "audit", module.audit().recent(100).stream().map(BillingViews.AuditRow::of).toList(),
                "deletionDue", module.dunning().deletionDue().stream().map(BillingAccount::accountName).toList());
    }
}
