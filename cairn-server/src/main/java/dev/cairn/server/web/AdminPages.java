package dev.cairn.server.web;

import dev.cairn.server.Units;
import dev.cairn.server.account.Account;
import dev.cairn.server.account.AccountService;
import dev.cairn.server.account.SignupMode;
import dev.cairn.server.auth.Principal;
import dev.cairn.server.error.ServiceException;
import dev.cairn.server.storage.RetentionLocks;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The administrator's accounts page: every account with status, plan, quota and usage; suspend and unsuspend; set
 * plan and quota override; the sign-up mode and invite codes. The routes carry the {@code ADMIN} role; these handlers additionally
 * require a web session, because only a session's forms are CSRF-checked (a browser could otherwise replay cached
 * HTTP Basic credentials from another site). Thread-safe.
 */
public final class AdminPages {
    static final String PATH = "/web/admin/accounts";
    private final Pages pages;
    private final AccountService accounts;
    private final RetentionLocks retention;

    static final String OVERVIEW = "/web/admin";
    private final ServerOverview overview;

    AdminPages(Pages pages, AccountService accounts, RetentionLocks retention, ServerOverview overview) {
        this.pages = pages;
        this.overview = overview;
        this.accounts = accounts;
        this.retention = retention;
    }

    /** {@code GET /web/admin/accounts} */
    public void page(Context ctx) {
        requireSession(ctx);
        String done = ctx.queryParam("done");
        String notice = Notices.of(done);
        String subject = ctx.queryParam("account");
        if (notice != null && subject != null && !subject.isBlank()) {
            notice = notice + " (" + subject + ")";
        }
        show(ctx, 200, Forms.empty(), notice);
    }

    /** {@code POST /web/admin/accounts/{name}/suspend}: optional field {@code reason}, shown to the account's owner. */
    public void suspend(Context ctx) {
        Principal p = requireSession(ctx);
        String name = ctx.pathParam("name");
        String reason = value(ctx, "reason");
        if (reason.length() > 500 || reason.chars().anyMatch(Character::isISOControl)) {
            show(ctx, 400, Forms.empty().value("reason:" + name, reason).error("reason:" + name,
                    "Write the reason on one line, at most 500 characters (it has " + reason.length() + ")."), null);
            return;
        }
        accounts.suspend(name, p.accountId(), reason);
        Pages.seeOther(ctx, PATH + "?done=suspended&account=" + encode(name));
    }

    /** {@code GET /web/admin}: the server overview, the plans, and the forms that create accounts and plans. */
    public void overview(Context ctx) {
        requireSession(ctx);
        String notice = Notices.of(ctx.queryParam("done"));
        String subject = ctx.queryParam("subject");
        if (notice != null && subject != null && !subject.isBlank()) {
            notice = notice + " (" + subject + ")";
        }
        showOverview(ctx, 200, Forms.empty(), notice);
    }

    /**
     * {@code POST /web/admin/accounts}: fields {@code name}, {@code email}, {@code password}, {@code plan} (empty:
     * default), {@code admin} (checkbox). A refusal re-renders the form with what was typed (but the password).
     */
    public void createAccount(Context ctx) {
        requireSession(ctx);
        Forms form = Forms.of(ctx, "name", "email", "plan", "admin");
        String name = value(ctx, "name");
        String email = value(ctx, "email");
        String password = Forms.field(ctx, "password");
        String plan = value(ctx, "plan");
        AuthPages.check(form, "name", () -> dev.cairn.server.account.AccountNames.requireValidName(name));
        AuthPages.check(form, "email", () -> dev.cairn.server.account.AccountNames.requireValidEmail(email));
        AuthPages.check(form, "password", () -> dev.cairn.server.account.AccountNames.requireValidPassword(password));
        if (!plan.isEmpty() && accounts.plans().stream().noneMatch(x -> x.name().equals(plan))) {
            form.error("plan", "There is no plan '" + plan + "'. Choose one of the plans below, or create it first.");
        }
        if (form.hasErrors()) {
            showOverview(ctx, 400, form, null);
            return;
        }
        try {
            accounts.create(name, email, password, "on".equals(Forms.field(ctx, "admin")));
        } catch (ServiceException e) {
            if (e.code() != dev.cairn.protocol.ErrorCode.ALREADY_EXISTS) {
                throw e;
            }
            showOverview(ctx, 409, form.error("name", "An account with this name or email exists already. Choose "
                    + "another name or email."), null);
            return;
        }
        if (!plan.isEmpty()) {
            accounts.setPlan(name, plan);
        }
        Pages.seeOther(ctx, OVERVIEW + "?done=account-created&subject=" + encode(name));
    }

    /** {@code POST /web/admin/plans}: fields {@code name} and {@code quota} (a size such as 100GiB, or unlimited). */
    public void definePlan(Context ctx) {
        requireSession(ctx);
        Forms form = Forms.of(ctx, "planName", "planQuota");
        String name = value(ctx, "planName");
        Long quota = null;
        try {
            quota = Units.size(value(ctx, "planQuota"));
        } catch (IllegalArgumentException | ArithmeticException e) {
            form.error("planQuota", "Write a size such as 500MB, 50GiB or 1TB, or 'unlimited'.");
        }
        if (!name.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            form.error("planName", "Use 1-64 characters: a-z, 0-9 and '-', starting with a letter or digit.");
        }
        if (form.hasErrors()) {
            showOverview(ctx, 400, form, null);
            return;
        }
        accounts.definePlan(name, quota);
        Pages.seeOther(ctx, OVERVIEW + "?done=plan&subject=" + encode(name));
    }

    private void showOverview(Context ctx, int status, Forms form, String notice) {
        pages.render(ctx, status, "adminOverview.jte", pages.chrome(ctx, "Server overview", Chrome.ADMIN),
                "figures", overview.figures(), "plans", accounts.plans(), "form", form, "notice", notice);
    }

    /** {@code POST /web/admin/accounts/{name}/unsuspend} */
    public void unsuspend(Context ctx) {
        requireSession(ctx);
        String name = ctx.pathParam("name");
        accounts.unsuspend(name);
        Pages.seeOther(ctx, PATH + "?done=unsuspended&account=" + encode(name));
    }

    /**
     * {@code POST /web/admin/accounts/{name}/quota}: fields {@code plan} (an existing plan; empty keeps it) and
     * {@code quota}: a size such as {@code 50GiB} sets the account's override, {@code plan} removes the override (the
     * plan's quota applies), empty keeps the override as it is. (The page cannot show the current override, only the
     * effective quota, so an untouched field must never change it.)
     */
    public void setQuota(Context ctx) {
        requireSession(ctx);
        String name = ctx.pathParam("name");
        Account account = accounts.require(name);
        Forms form = Forms.empty();
        String plan = value(ctx, "plan");
        String quotaText = value(ctx, "quota");
        Optional<Long> override = parseOverride(form, name, quotaText);
        if (!plan.isEmpty() && !plan.equals(account.plan()) && !form.hasErrors()) {
            try {
                accounts.setPlan(name, plan);
            } catch (ServiceException e) {
                form.error("plan:" + name, "There is no plan '" + plan
                        + "'. Create it under Plans on the Overview page first.");
            }
        }
        if (form.hasErrors()) {
            show(ctx, 400, form.value("plan:" + name, plan).value("quota:" + name, quotaText), null);
            return;
        }
        if (!quotaText.isEmpty()) {
            accounts.setQuota(name, override.orElse(null));
        }
        Pages.seeOther(ctx, PATH + "?done=quota&account=" + encode(name));
    }

    /** The override the quota field asks for: empty for "the plan's quota"; adds a field error if unreadable. */
    private static Optional<Long> parseOverride(Forms form, String name, String text) {
        if (text.isEmpty() || text.equalsIgnoreCase("plan")) {
            return Optional.empty();
        }
        try {
            Long bytes = Units.size(text);
            return Optional.of(bytes == null ? Account.UNLIMITED_OVERRIDE : bytes);
        } catch (IllegalArgumentException | ArithmeticException e) {
            form.error("quota:" + name, "Write a size such as 500MB, 50GiB or 1TB, 'unlimited', 'plan' for the "
                    + "plan's quota, or leave it empty to keep the quota.");
            form.value("quota:" + name, text);
            return Optional.empty();
        }
    }

    /** {@code POST /web/admin/signup}: field {@code mode} (open, invite, closed). */
    public void setSignup(Context ctx) {
        requireSession(ctx);
        try {
            accounts.setSignupMode(SignupMode.parse(value(ctx, "mode")));
        } catch (IllegalArgumentException e) {
            show(ctx, 400, Forms.empty().error("mode", "Choose open, invite or closed."), null);
            return;
        }
        Pages.seeOther(ctx, PATH + "?done=signup");
    }

    /** {@code POST /web/admin/retention}: field {@code days}, the default retention lock (0: none). */
    public void setRetention(Context ctx) {
        requireSession(ctx);
        try {
            retention.setServerDefault(Integer.parseInt(value(ctx, "days")));
        } catch (NumberFormatException | ServiceException e) {
            show(ctx, 400, Forms.empty().error("days", "Write a number of days, 0-3650 (0: no lock)."), null);
            return;
        }
        Pages.seeOther(ctx, PATH + "?done=retention");
    }

    /**
     * {@code POST /web/admin/invites}: a new single-use invite code, shown once in this response (it is stored only as
     * a hash).
     */
    public void createInvite(Context ctx) {
        requireSession(ctx);
        show(ctx, 200, Forms.empty(), null, accounts.createInvite());
    }

    private void show(Context ctx, int status, Forms form, String notice) {
        show(ctx, status, form, notice, null);
    }

    private void show(Context ctx, int status, Forms form, String notice, String invite) {
        pages.render(ctx, status, "admin.jte", pages.chrome(ctx, "Accounts", Chrome.ADMIN),
                "accounts", accounts.list().stream().map(AdminPages::row).toList(), "form", form,
                "signup", accounts.signupMode().wireName(), "notice", notice, "invite", invite,
                "retentionDays", retention.serverDefault(),
                "plans", accounts.plans().stream().map(plan -> plan.name()).toList());
    }

    /** One account as the admin table shows it. */
    public record Row(Account account, QuotaView quota) {
    }

    private static Row row(Account account) {
        return new Row(account, DashboardPage.quota(account));
    }

    private Principal requireSession(Context ctx) {
        Principal p = pages.principal(ctx);
        if (p.via() != Principal.Via.SESSION) {
            throw ServiceException.forbidden("the admin pages need a web session; scripts use /api/v1/admin");
        }
        return p;
    }

    private static String value(Context ctx, String field) {
        String v = Forms.field(ctx, field);
        return v == null ? "" : v.strip();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
