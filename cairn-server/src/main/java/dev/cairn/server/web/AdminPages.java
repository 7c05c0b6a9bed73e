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

    AdminPages(Pages pages, AccountService accounts, RetentionLocks retention) {
        this.pages = pages;
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

    /** {@code POST /web/admin/accounts/{name}/suspend} */
    public void suspend(Context ctx) {
        Principal p = requireSession(ctx);
        String name = ctx.pathParam("name");
        accounts.suspend(name, p.accountId());
        Pages.seeOther(ctx, PATH + "?done=suspended&account=" + encode(name));
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
                form.error("plan:" + name, "There is no plan '" + plan + "'. Create it with 'cairn server plan set'.");
            }
        }
        if (form.hasErrors()) {
            show(ctx, 400, form, null);
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
            if (bytes == null) {
                form.error("quota:" + name, "An unlimited quota comes from an unlimited plan; write 'plan' to use "
                        + "the plan's quota.");
            }
            return Optional.ofNullable(bytes);
        } catch (IllegalArgumentException | ArithmeticException e) {
            form.error("quota:" + name, "Write a size such as 500MB, 50GiB or 1TB, 'plan' for the plan's quota, or "
                    + "leave it empty to keep the quota.");
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
                "retentionDays", retention.serverDefault());
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
