package dev.cairn.server.web;

import dev.cairn.blob.BlobInfo;
import dev.cairn.blob.BlobKind;
import dev.cairn.protocol.ErrorCode;
import dev.cairn.protocol.RepoInfo;
import dev.cairn.server.account.AccountService;
import dev.cairn.server.account.PasswordConfirmation;
import dev.cairn.server.auth.Principal;
import dev.cairn.server.error.RetentionLockedException;
import dev.cairn.server.error.ServiceException;
import dev.cairn.server.runs.UsageHistory;
import dev.cairn.server.storage.ObjectService;
import dev.cairn.server.storage.RepoNames;
import dev.cairn.server.storage.RepoRegistry;
import dev.cairn.server.storage.RetentionLocks;
import dev.cairn.server.storage.Tenant;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One repository of the signed-in account: its health (as on the dashboard), its objects by kind (count, bytes, last
 * arrival), its size over the last 90 days as a chart, its snapshots by arrival, and deleting it: a confirmation page
 * that asks for the repository's name typed again and the password, and refuses (deleting nothing) while any object is
 * under the retention lock. Thread-safe.
 */
public final class RepositoryPage {
    private final Pages pages;
    private final AccountService accounts;
    private final RepoRegistry repos;
    private final ObjectService objects;
    private final RepoHealthSource health;
    private final UsageHistory usage;
    private final RetentionLocks retention;
    private final PasswordConfirmation passwords;
    private final InstantSource clock;

    RepositoryPage(Pages pages, AccountService accounts, RepoRegistry repos, ObjectService objects,
            RepoHealthSource health, UsageHistory usage, RetentionLocks retention, PasswordConfirmation passwords,
            InstantSource clock) {
        this.pages = pages;
        this.accounts = accounts;
        this.repos = repos;
        this.objects = objects;
        this.health = health;
        this.usage = usage;
        this.retention = retention;
        this.passwords = passwords;
        this.clock = clock;
    }

    /** One kind of object: how many, their bytes, the newest arrival (null if none or unknown). */
    public record Kind(String name, String meaning, long count, long bytes, Instant lastArrival) {
    }

    /** {@code GET /repositories/{repo}} */
    public void page(Context ctx) throws IOException {
        Principal p = pages.principal(ctx);
        RepoInfo repo = require(p, ctx.pathParam("repo"));
        Tenant tenant = new Tenant(p.accountId(), p.accountName(), null);
        Instant now = clock.instant();
        List<Kind> kinds = new java.util.ArrayList<>();
        for (BlobKind kind : BlobKind.values()) {
            kinds.add(kind(kind, objects.list(tenant, repo.name(), kind)));
        }
        List<BlobInfo> snapshots = objects.list(tenant, repo.name(), BlobKind.SNAPSHOT).stream()
                .sorted(Comparator.comparing(BlobInfo::storedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .reversed()).toList();
        RepoHealth h = health.of(p.accountId(), p.accountName(), List.of(repo)).getFirst();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        var samples = StoredBytesChart.withToday(usage.repoSeries(p.accountId(), repo.name(), BackupsView.CHART_DAYS),
                today, repo.storedBytes());
        int span = samples.isEmpty() ? BackupsView.MIN_DAYS : (int) Math.clamp(today.toEpochDay()
                - samples.getFirst().day().toEpochDay() + 1, BackupsView.MIN_DAYS, BackupsView.CHART_DAYS);
        String chart = StoredBytesChart.svg(samples, null, today, span)
                .replace("id=\"stored-chart\"", "id=\"repo-chart\"").replace("stored-chart-title", "repo-chart-title");
        pages.render(ctx, 200, "repository.jte", pages.chrome(ctx, repo.name(), Chrome.DASHBOARD), "repo", repo,
                "health", h, "kinds", kinds, "snapshots", snapshots.subList(0, Math.min(50, snapshots.size())),
                "chartSvg", chart, "chartDays", span, "now", now, "lock", retention.get(p.accountId(), repo.name()),
                "notice", Notices.of(ctx.queryParam("done")));
    }

    /** {@code GET /repositories/{repo}/delete}: the confirmation form. */
    public void deletePage(Context ctx) {
        Principal p = pages.principal(ctx);
        RepoInfo repo = require(p, ctx.pathParam("repo"));
        showDelete(ctx, 200, repo, Forms.empty());
    }

    /** {@code POST /repositories/{repo}/delete}: fields {@code confirm} (the repository's name) and {@code password}. */
    public void delete(Context ctx) throws IOException {
        Principal p = pages.principal(ctx);
        RepoInfo repo = require(p, ctx.pathParam("repo"));
        Forms form = Forms.of(ctx, "confirm");
        if (!repo.name().equals(form.value("confirm").strip())) {
            form.error("confirm", "Type the repository's name, " + repo.name() + ", to confirm.");
            showDelete(ctx, 400, repo, form);
            return;
        }
        try {
            passwords.confirm(p.accountId(), Forms.field(ctx, "password"), ctx.ip(), "deleting a repository");
            objects.deleteRepository(new Tenant(p.accountId(), p.accountName(), null), repo.name());
        } catch (RetentionLockedException e) {
            form.message("Nothing was deleted: the retention lock keeps objects of " + repo.name() + " until "
                    + Format.time(e.retainedUntil(), "") + ". Delete it after that, or lower the lock first.");
            showDelete(ctx, 409, repo, form);
            return;
        } catch (ServiceException e) {
            if (e.code() != ErrorCode.PASSWORD_REQUIRED && e.code() != ErrorCode.UNAUTHENTICATED
                    && e.code() != ErrorCode.TOO_MANY_REQUESTS) {
                throw e;
            }
            form.error("password", e.code() == ErrorCode.TOO_MANY_REQUESTS
                    ? "Too many wrong passwords. Wait a few minutes and try again."
                    : e.code() == ErrorCode.PASSWORD_REQUIRED ? "Type your password to delete the repository."
                    : "The password is wrong.");
            showDelete(ctx, e.code() == ErrorCode.TOO_MANY_REQUESTS ? 429 : 403, repo, form);
            return;
        }
        usage.forgetRepo(p.accountId(), repo.name());
        Pages.seeOther(ctx, "/?done=repo-deleted");
    }

    private void showDelete(Context ctx, int status, RepoInfo repo, Forms form) {
        pages.render(ctx, status, "repositoryDelete.jte", pages.chrome(ctx, "Delete " + repo.name(), Chrome.DASHBOARD),
                "repo", repo, "form", form, "lock", retention.get(pages.principal(ctx).accountId(), repo.name()));
    }

    private RepoInfo require(Principal p, String name) {
        String repo = RepoNames.requireValid(name);
        accounts.require(p.accountId());
        return repos.list(p.accountId()).stream().filter(r -> r.name().equals(repo)).findFirst()
                .orElseThrow(() -> ServiceException.notFound("no repository '" + repo + "'"));
    }

    private static Kind kind(BlobKind kind, List<BlobInfo> infos) {
        return new Kind(kind.dirName(), meaning(kind), infos.size(), infos.stream().mapToLong(BlobInfo::size).sum(),
                infos.stream().map(BlobInfo::storedAt).filter(Objects::nonNull).max(Instant::compareTo).orElse(null));
    }

    private static String meaning(BlobKind kind) {
        return switch (kind) {
            case CONFIG -> "the repository's settings";
            case KEY -> "encrypted keys, one per password";
            case PACK -> "your files' contents, encrypted";
            case INDEX -> "where each piece of data is";
            case SNAPSHOT -> "one per backup";
            case LOCK -> "clients working on it now";
        };
    }
}
