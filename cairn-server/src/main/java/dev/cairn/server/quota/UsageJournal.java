package dev.cairn.server.quota;

import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The usage-change journal ({@code usage_changes}): every change of an account's stored bytes and every plan change,
 * written in the transaction that makes the change, so the journal and {@code accounts} never disagree. Billing reads
 * it to integrate storage over time (ADR 36). Thread-safe.
 *
 * <p>Contract: the account's stored bytes at instant {@code t} are {@code accounts.stored_bytes} minus the sum of the
 * deltas journaled after {@code t}; its plan at {@code t} is the {@code plan} of the last plan change at or before
 * {@code t}, else the {@code previous_plan} of the first one after {@code t}, else {@code accounts.plan}.
 */
public final class UsageJournal {
    private final Jdbi jdbi;

    public UsageJournal(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** One journaled change; {@code plan}/{@code previousPlan} are set for cause {@code plan} only. */
    public record Change(long id, long accountId, long atMillis, long deltaBytes, String cause, String plan,
            String previousPlan) {
    }

    /** The account's changes with {@code fromMillis <= at}, oldest first (ties in journal order). */
    public List<Change> since(long accountId, long fromMillis) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM usage_changes WHERE account_id = :a AND at >= :f "
                + "ORDER BY at, id").bind("a", accountId).bind("f", fromMillis)
                .map((rs, ctx) -> new Change(rs.getLong("id"), rs.getLong("account_id"), rs.getLong("at"),
                        rs.getLong("delta_bytes"), rs.getString("cause"), rs.getString("plan"),
                        rs.getString("previous_plan"))).list());
    }

    /** The last plan change strictly before {@code beforeMillis}, if any. */
    public java.util.Optional<Change> lastPlanChangeBefore(long accountId, long beforeMillis) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM usage_changes WHERE account_id = :a AND at < :b "
                + "AND cause = 'plan' ORDER BY at DESC, id DESC").bind("a", accountId).bind("b", beforeMillis)
                .setMaxRows(1).map((rs, ctx) -> new Change(rs.getLong("id"), rs.getLong("account_id"), rs.getLong("at"),
                        0, "plan", rs.getString("plan"), rs.getString("previous_plan"))).findFirst());
    }

    /** Journals a change of stored bytes, in the caller's transaction (the one that changed {@code accounts}). */
    static void record(Handle h, long accountId, long atMillis, long delta, String cause) {
        h.createUpdate("INSERT INTO usage_changes (account_id, at, delta_bytes, cause) VALUES (:a, :t, :d, :c)")
                .bind("a", accountId).bind("t", atMillis).bind("d", delta).bind("c", cause).execute();
    }

    /** Journals a plan change, in the caller's transaction (the one that changed {@code accounts.plan}). */
    public static void recordPlan(Handle h, long accountId, long atMillis, String previous, String plan) {
        h.createUpdate("INSERT INTO usage_changes (account_id, at, delta_bytes, cause, plan, previous_plan) "
                + "VALUES (:a, :t, 0, 'plan', :p, :q)").bind("a", accountId).bind("t", atMillis).bind("p", plan)
                .bind("q", previous).execute();
    }
}
