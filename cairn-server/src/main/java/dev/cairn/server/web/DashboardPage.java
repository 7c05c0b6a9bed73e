package dev.cairn.server.web;

import dev.cairn.server.account.Account;
import dev.cairn.server.account.AccountService;
import dev.cairn.server.storage.RepoRegistry;
import io.javalin.http.Context;

/**
 * The signed-in account's home: its repositories (size, object count, last write) and the quota bar. The bar is also a
 * fragment that htmx re-fetches periodically, so usage updates while a backup runs without reloading. Thread-safe.
 */
public final class DashboardPage {
    private final Pages pages;
    private final AccountService accounts;
    private final RepoRegistry repos;

    DashboardPage(Pages pages, AccountService accounts, RepoRegistry repos) {
        this.pages = pages;
        this.accounts = accounts;
        this.repos = repos;
    }

    /** {@code GET /} */
    public void page(Context ctx) {
        Account account = accounts.require(pages.principal(ctx).accountId());
        pages.render(ctx, 200, "dashboard.jte", pages.chrome(ctx, "Dashboard", Chrome.DASHBOARD),
                "account", account, "repos", repos.list(account.id()), "quota", quota(account),
                "notice", Notices.of(ctx.queryParam("done")));
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
