package dev.cairn.agent.daemon;

import dev.cairn.client.ServerProblemException;
import dev.cairn.engine.forget.ForgetListener;
import dev.cairn.engine.forget.Forgetter;
import dev.cairn.engine.forget.RetentionDuration;
import dev.cairn.engine.forget.RetentionPolicy;
import dev.cairn.engine.forget.SnapshotGroups;
import dev.cairn.engine.prune.PruneListener;
import dev.cairn.engine.prune.Pruner;
import dev.cairn.engine.repo.LockWait;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A set's retention after a backup that did not fail (ADR 38): {@code keep} as {@code cairn forget}, then {@code cairn
 * prune} when one is due (some snapshots were forgotten since the last prune, and its {@code every} has passed). A token
 * that may not delete (the server's 403: an append-only device token) gets a failed {@code forget} report that says so
 * at every run, so the owner sees it on the dashboard; the deletion is not tried again until the config is reloaded
 * (the token may be another then), and the backups go on.
 */
final class Retention {
    /** Makes the report of one step ({@code kind}) of a set's run. */
    @FunctionalInterface
    interface Reports {
        RunReport report(SetConfig set, String kind, Instant start, String status, List<String> errors);
    }

    /** The steps' reports, how many snapshots were forgotten, and when a prune started that succeeded (null: none). */
    record Result(List<RunReport> reports, int forgotten, Instant pruned) {
    }

    private final RepositoryCache repositories;
    private final Reports reports;
    private final Log log;
    private final Clock clock;
    private final Map<String, String> denied = new ConcurrentHashMap<>();

    Retention(RepositoryCache repositories, Reports reports, Log log, Clock clock) {
        this.repositories = repositories;
        this.reports = reports;
        this.log = log;
        this.clock = clock;
    }

    /** Forgets which sets' tokens refused deletion (after a reload the token may be another). */
    void reset() {
        denied.clear();
    }

    /**
     * Applies {@code set}'s {@code keep} (it has one) to the snapshots of {@code host} (the host its backups record: other
     * machines' snapshots in a shared repository are theirs to keep), then prunes if due by {@code before} (null: the set
     * never ran).
     */
    Result apply(SetConfig set, SetState before, String host) {
        List<RunReport> out = new ArrayList<>();
        Instant start = clock.instant();
        String refusal = denied.get(set.name());
        if (refusal != null) {
            out.add(reports.report(set, "forget", start, "failed", List.of(refusal)));
            return new Result(out, 0, null);
        }
        int forgotten;
        try {
            forgotten = forget(set, host);
            out.add(reports.report(set, "forget", start, "success", List.of()));
        } catch (IOException | RuntimeException e) {
            out.add(reports.report(set, "forget", start, "failed", List.of(failure(set, "retention", e))));
            return new Result(out, 0, null);
        }
        Instant pruned = null;
        if (pruneDue(set, before, forgotten)) {
            pruned = prune(set, out);
        }
        return new Result(out, forgotten, pruned);
    }

    private int forget(SetConfig set, String host) throws IOException {
        RepositoryOpener.Opened o = repositories.get(set);
        Forgetter.Result r = new Forgetter(o.repo(), ForgetListener.NONE).run(new Forgetter.Options(policy(set.keep()),
                SnapshotGroups.DEFAULT, s -> java.util.Objects.equals(host, s.hostname()), ZoneId.systemDefault(), false,
                LockWait.of(SetRunner.LOCK_WAIT)));
        log.info(set.name() + ": retention removed " + r.removed() + " snapshot(s)");
        return r.removed();
    }

    private boolean pruneDue(SetConfig set, SetState before, int forgottenNow) {
        SetConfig.Prune p = set.pruning();
        if (p == null) {
            return false;
        }
        int forgotten = forgottenNow + (before == null ? 0 : before.forgottenSincePrune());
        Instant last = before == null ? null : before.lastPrune();
        return forgotten > 0 && (last == null || !clock.instant().isBefore(last.plus(p.every())));
    }

    /** Prunes; returns its start if it succeeded, else null (its report says why). */
    private Instant prune(SetConfig set, List<RunReport> out) {
        Instant start = clock.instant();
        try {
            RepositoryOpener.Opened o = repositories.get(set);
            Pruner.Result r = new Pruner(o.repo(), PruneListener.NONE).run(set.pruning().options(LockWait.of(SetRunner.LOCK_WAIT)));
            log.info(set.name() + ": prune freed " + r.plan().bytesFreed() + " bytes (" + r.packsDeleted() + " pack(s) deleted, "
                    + r.bytesRepacked() + " bytes repacked)");
            out.add(reports.report(set, "prune", start, "success", List.of()));
            return start;
        } catch (IOException | RuntimeException e) {
            out.add(reports.report(set, "prune", start, "failed", List.of(failure(set, "prune", e))));
            return null;
        }
    }

    /** Logs and words a failed step; a refusal by the server is remembered, and the repository dropped otherwise. */
    private String failure(SetConfig set, String step, Exception e) {
        ServerProblemException refused = forbidden(e);
        if (refused == null) {
            repositories.drop(set.name());
            String m = SetRunner.message(e);
            log.info(set.name() + ": " + step + " failed: " + m);
            return m;
        }
        String m = "'keep' was not applied: the server refused to delete (" + refused.getMessage() + "); this device's token "
                + "may only add backups (the default of 'cairn login'). Give the set a 'token-file' with a full token, or remove "
                + "'keep' and run 'cairn forget --prune' from a trusted machine";
        denied.put(set.name(), m);
        log.info(set.name() + ": " + m + ". Not tried again until the config is reloaded; each run reports it");
        return m;
    }

    /** The server's 403 (a token that may not delete) behind {@code e}, or null. */
    private static ServerProblemException forbidden(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ServerProblemException p && p.status() == 403) {
                return p;
            }
        }
        return null;
    }

    static RetentionPolicy policy(SetConfig.Keep k) {
        RetentionDuration within = k.within() == null ? RetentionDuration.ZERO : RetentionDuration.parse(k.within());
        return RetentionPolicy.NONE.withCounts(n(k.last()), n(k.hourly()), n(k.daily()), n(k.weekly()), n(k.monthly()), n(k.yearly()))
                .withWithin(within, RetentionDuration.ZERO, RetentionDuration.ZERO, RetentionDuration.ZERO,
                        RetentionDuration.ZERO, RetentionDuration.ZERO);
    }

    private static int n(Integer count) {
        return count == null ? 0 : count;
    }
}
