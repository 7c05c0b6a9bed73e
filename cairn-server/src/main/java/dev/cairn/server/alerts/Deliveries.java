package dev.cairn.server.alerts;

import dev.cairn.server.db.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The outbox and delivery log ({@code alert_deliveries}). A worker {@linkplain #claim claims} a due message by a
 * compare-and-set that also pushes its next attempt {@link #CLAIM} ahead, so a process that dies while sending leaves
 * it to be retried, and two processes never send the same attempt. Failed attempts back off exponentially from
 * {@link #FIRST_RETRY}; after {@link #MAX_ATTEMPTS} the message is {@code failed}. Every method runs in the caller's
 * handle.
 */
final class Deliveries {
    static final int MAX_ATTEMPTS = 6;
    static final Duration FIRST_RETRY = Duration.ofMinutes(1);
    static final Duration CLAIM = Duration.ofMinutes(5);
    /** Beyond any next attempt a running clock sets: the longest backoff plus a claim. */
    static final Duration HORIZON = backoff(MAX_ATTEMPTS).plus(CLAIM);
    static final String EMAIL = "email";
    static final String WEBHOOK = "webhook";

    private Deliveries() {
    }

    static void enqueue(Handle h, long accountId, long incidentId, String channel, String payload, Instant now) {
        h.createUpdate("INSERT INTO alert_deliveries (account_id, incident_id, channel, state, payload, attempts, "
                + "next_attempt_at, created_at) VALUES (:a, :i, :c, 'pending', :p, 0, :now, :now)")
                .bind("a", accountId).bind("i", incidentId).bind("c", channel).bind("p", payload)
                .bind("now", now.toEpochMilli()).execute();
    }

    /**
     * Pending messages whose next attempt is due, oldest first. A next attempt further ahead than any backoff or claim
     * can put it (past {@link #HORIZON}) was set while the clock was ahead and has since been put right: it is due now,
     * or the message would wait for the clock to catch up (a day after a one-day jump; issue 21's clock rows).
     */
    static List<Delivery> due(Handle h, Instant now, int limit) {
        return h.createQuery("SELECT * FROM alert_deliveries WHERE state = 'pending' AND (next_attempt_at <= :now "
                + "OR next_attempt_at > :horizon) ORDER BY id LIMIT :n").bind("now", now.toEpochMilli())
                .bind("horizon", now.plus(HORIZON).toEpochMilli()).bind("n", limit)
                .map((rs, ctx) -> delivery(rs)).list();
    }

    /** Takes {@code seen} for one attempt; false when another process took it first. */
    static boolean claim(Handle h, Delivery seen, Instant now) {
        return h.createUpdate("UPDATE alert_deliveries SET attempts = attempts + 1, next_attempt_at = :lease WHERE "
                + "id = :id AND state = 'pending' AND attempts = :att").bind("lease", now.plus(CLAIM).toEpochMilli())
                .bind("id", seen.id()).bind("att", seen.attempts()).execute() == 1;
    }

    static void delivered(Handle h, long id, Instant now) {
        h.createUpdate("UPDATE alert_deliveries SET state = 'delivered', delivered_at = :now, last_error = NULL "
                + "WHERE id = :id").bind("now", now.toEpochMilli()).bind("id", id).execute();
    }

    /**
     * Records a failed attempt (number {@code attempt}): retried after the backoff, or {@code failed} when it was the
     * last attempt or {@code retryMayHelp} is false.
     */
    static void attemptFailed(Handle h, long id, int attempt, String error, boolean retryMayHelp, Instant now) {
        boolean last = !retryMayHelp || attempt >= MAX_ATTEMPTS;
        h.createUpdate("UPDATE alert_deliveries SET state = :s, last_error = :e, next_attempt_at = :next WHERE id = :id")
                .bind("s", last ? "failed" : "pending").bind("e", clip(error))
                .bind("next", now.plus(backoff(attempt)).toEpochMilli()).bind("id", id).execute();
    }

    /** The wait after failed attempt {@code attempt} (1, 2, ...): 1, 2, 4, 8, 16 minutes. */
    static Duration backoff(int attempt) {
        return FIRST_RETRY.multipliedBy(1L << Math.clamp(attempt - 1, 0, 20));
    }

    /** The account's latest messages, newest first. */
    static List<Delivery> recent(Handle h, long accountId, int limit) {
        return h.createQuery("SELECT * FROM alert_deliveries WHERE account_id = :a ORDER BY id DESC LIMIT :n")
                .bind("a", accountId).bind("n", limit).map((rs, ctx) -> delivery(rs)).list();
    }

    private static String clip(String error) {
        String e = error == null ? "unknown error" : error;
        return e.length() <= 1000 ? e : e.substring(0, 999) + "…";
    }

    private static Delivery delivery(ResultSet rs) throws SQLException {
        return new Delivery(rs.getLong("id"), rs.getLong("account_id"), rs.getLong("incident_id"),
                rs.getString("channel"), rs.getString("state"), rs.getString("payload"), rs.getInt("attempts"),
                Rows.instant(rs, "next_attempt_at"), rs.getString("last_error"), Rows.instant(rs, "created_at"),
                Rows.instant(rs, "delivered_at"));
    }
}
