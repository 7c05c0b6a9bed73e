package dev.cairn.server.web;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.protocol.RepoInfo;
import dev.cairn.protocol.RetentionLock;
import dev.cairn.server.account.Account;
import dev.cairn.server.account.AccountService;
import dev.cairn.server.account.PasswordConfirmation;
import dev.cairn.server.auth.Principal;
import dev.cairn.server.error.ServiceException;
import dev.cairn.server.storage.RepoNames;
import dev.cairn.server.storage.RepoRegistry;
import dev.cairn.server.storage.RetentionLocks;
import dev.cairn.server.alerts.Monitoring;
import io.javalin.http.Context;
import java.time.InstantSource;
import java.util.List;

/**
 * The signed-in account's home: its devices' last successful backups and the chart of stored bytes over time
 * ({@link BackupsView}), its repositories with their health ({@link RepoHealth}: size and its sparkline, snapshots,
 * last snapshot's arrival, last write, a warning for refused writes or nothing arriving; retention lock with a form to
 * set it, a lower lock asks for the password) and the quota bar. The bar is also a fragment that htmx re-fetches
 * periodically, so usage updates while a backup runs without reloading. Thread-safe.
 */
public final class DashboardPage {
    private final Pages pages;
    private final AccountService accounts;
    private final RepoRegistry repos;
    private final RetentionLocks retention;
    private final PasswordConfirmation passwords;
    private final Monitoring monitoring;
    private final InstantSource clock;

    private final RepoHealthSource health;

    DashboardPage(Pages pages, AccountService accounts, RepoRegistry repos, RetentionLocks retention,
            PasswordConfirmation passwords, Monitoring monitoring, InstantSource clock, RepoHealthSource health) {
        this.pages = pages;
        this.health = health;
        this.monitoring = monitoring;
        this.clock = clock;
        this.accounts = accounts;
        this.repos = repos;
        this.retention = retention;
        this.passwords = passwords;
    }

    /** One repository as the dashboard shows it. */
    public record Row(RepoInfo repo, RetentionLock lock, RepoHealth health) {
    }

    /** {@code GET /} */
    public void page(Context ctx) {
        show(ctx, 200, Forms.empty(), Notices.of(ctx.queryParam("done")));
    }

    private void show(Context ctx, int status, Forms form, String notice) {
        Account account = accounts.require(pages.principal(ctx).accountId());
        List<RepoInfo> list = repos.list(account.id());
        List<RepoHealth> healths = health.of(account.id(), account.name(), list);
        List<Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            rows.add(new Row(list.get(i), retention.get(account.id(), list.get(i).name()), healths.get(i)));
        }
        pages.render(ctx, status, "dashboard.jte", pages.chrome(ctx, "Dashboard", Chrome.DASHBOARD),
                "account", account, "repos", rows, "quota", quota(account), "notice", notice, "form", form,
                "host", DevicePages.host(ctx), "now", clock.instant(),
                "backups", BackupsView.of(monitoring, account.id(), account.quotaBytes(), account.storedBytes(),
                        clock.instant()));
    }

    /**
     * {@code POST /repositories/{repo}/retention}: fields {@code lockDays} and, to lower the lock, {@code password}.
     * Errors are shown on the repository's row (fields {@code lockDays:REPO} and {@code password:REPO}).
     */
    public void setRetention(Context ctx) {
        Principal p = pages.principal(ctx);
        String repo = RepoNames.requireValid(ctx.pathParam("repo"));
        if (!repos.exists(p.accountId(), repo)) {
            throw ServiceException.notFound("no repository '" + repo + "'");
        }
        Forms form = Forms.empty();
        String text = Forms.field(ctx, "lockDays");
        int days;
        try {
            days = Integer.parseInt(text == null ? "" : text.strip());
        } catch (NumberFormatException e) {
            show(ctx, 400, form.error("lockDays:" + repo, "Write a number of days, 0-3650."), null);
            return;
        }
        try {
            retention.set(p.accountId(), repo, days, () -> passwords.confirm(p.accountId(),
                    Forms.field(ctx, "password"), ctx.ip(), "lowering the retention lock"));
        } catch (ServiceException e) {
            String field = switch (e.code()) {
                case PASSWORD_REQUIRED, UNAUTHENTICATED, TOO_MANY_REQUESTS -> "password:";
                case BAD_REQUEST -> "lockDays:";
                default -> throw e;
            };
            show(ctx, e.code() == ErrorCode.PASSWORD_REQUIRED ? 403 : e.code().status(),
                    form.error(field + repo, message(e)).value("lockDays:" + repo, text.strip()), null);
            return;
        }
        Pages.seeOther(ctx, "/?done=retention");
    }

    private static String message(ServiceException e) {
        return switch (e.code()) {
            case PASSWORD_REQUIRED -> "A shorter lock needs your password.";
            case UNAUTHENTICATED -> "The password is wrong.";
            case TOO_MANY_REQUESTS -> "Too many wrong passwords. Wait a few minutes and try again.";
            default -> "Write a number of days, 0-3650.";
        };
    }

    /** {@code GET /dashboard/quota}: the quota bar alone (htmx polling). */
    public void quotaFragment(Context ctx) {
        Account account = accounts.require(pages.principal(ctx).accountId());
        pages.fragment(ctx, "quota.jte", "quota", quota(account));
    }

    static QuotaView quota(Account account) {
        return new QuotaView(account.storedBytes() + account.reservedBytes(), account.quotaBytes());
    }
}
