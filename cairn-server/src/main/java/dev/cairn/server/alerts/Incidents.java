package dev.cairn.server.alerts;

import dev.cairn.server.db.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The incidents table. At most one open incident per account, kind and subject (a unique index on open ones), so two
 * processes opening the same one at once create it once; repeats and resolutions are compare-and-set updates, so each
 * is told once. Every method runs in the caller's handle.
 */
final class Incidents {
    private Incidents() {
    }

    /** Opens an incident; empty when one is open already for the account, kind and subject. */
    static Optional<Incident> open(Handle h, long accountId, AlertKind kind, String subject, String device,
            String message, Instant now) {
        int n = h.createUpdate("INSERT INTO alert_incidents (account_id, kind, subject, device, message, opened_at, "
                + "last_sent_at) VALUES (:a, :k, :s, :d, :m, :now, :now) ON CONFLICT DO NOTHING")
                .bind("a", accountId).bind("k", kind.wire()).bind("s", subject).bind("d", device)
                .bind("m", clip(message)).bind("now", now.toEpochMilli()).execute();
        return n == 1 ? findOpen(h, accountId, kind, subject) : Optional.empty();
    }

    /** Closes the open incident; empty when none was open (or another process closed it first). */
    static Optional<Incident> resolve(Handle h, long accountId, AlertKind kind, String subject, Instant now) {
        Optional<Incident> open = findOpen(h, accountId, kind, subject);
        if (open.isEmpty()) {
            return open;
        }
        int n = h.createUpdate("UPDATE alert_incidents SET resolved_at = :now WHERE id = :id AND resolved_at IS NULL")
                .bind("now", now.toEpochMilli()).bind("id", open.get().id()).execute();
        return n == 1 ? Optional.of(open.get()) : Optional.empty();
    }

    static Optional<Incident> findOpen(Handle h, long accountId, AlertKind kind, String subject) {
        return h.createQuery("SELECT * FROM alert_incidents WHERE account_id = :a AND kind = :k AND subject = :s "
                + "AND resolved_at IS NULL").bind("a", accountId).bind("k", kind.wire()).bind("s", subject)
                .map((rs, ctx) -> incident(rs)).findOne();
    }

    /** Open incidents (of every account when {@code accountId} is null), oldest first. */
    static List<Incident> open(Handle h, Long accountId) {
        return h.createQuery("SELECT * FROM alert_incidents WHERE resolved_at IS NULL AND (:all = 1 OR account_id = :a) "
                + "ORDER BY id").bind("all", accountId == null ? 1 : 0).bind("a", accountId == null ? 0L : accountId)
                .map((rs, ctx) -> incident(rs)).list();
    }

    /** The account's latest incidents, open and closed, newest first. */
    static List<Incident> recent(Handle h, long accountId, int limit) {
        return h.createQuery("SELECT * FROM alert_incidents WHERE account_id = :a ORDER BY id DESC LIMIT :n")
                .bind("a", accountId).bind("n", limit).map((rs, ctx) -> incident(rs)).list();
    }

    /** Marks a repeat sent at {@code now}; false when another process did it since {@code seen} was read. */
    static boolean markRepeated(Handle h, Incident seen, Instant now) {
        return h.createUpdate("UPDATE alert_incidents SET last_sent_at = :now WHERE id = :id AND last_sent_at = :last "
                + "AND resolved_at IS NULL").bind("now", now.toEpochMilli()).bind("id", seen.id())
                .bind("last", seen.lastSentAt().toEpochMilli()).execute() == 1;
    }

    private static String clip(String message) {
        return message.length() <= 2000 ? message : message.substring(0, 1999) + "…";
    }

    private static Incident incident(ResultSet rs) throws SQLException {
        return new Incident(rs.getLong("id"), rs.getLong("account_id"), rs.getString("kind"), rs.getString("subject"),
                rs.getString("device"), rs.getString("message"), Rows.instant(rs, "opened_at"),
                Rows.instant(rs, "last_sent_at"), Rows.instant(rs, "resolved_at"));
    }
}
