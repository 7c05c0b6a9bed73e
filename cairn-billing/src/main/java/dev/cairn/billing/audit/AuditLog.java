package dev.cairn.billing.audit;

import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Every admin action on billing (who, what, when, before and after as JSON text), append-only. Thread-safe. */
public final class AuditLog {
    private final Jdbi jdbi;
    private final java.time.InstantSource clock;

    public AuditLog(Jdbi jdbi, java.time.InstantSource clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** One entry. */
    public record Entry(long id, long at, String actor, String action, String subject, String before, String after) {
    }

    public void record(String actor, String action, String subject, String before, String after) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO billing_audit (at, actor, action, subject, before_json, "
                + "after_json) VALUES (:t, :w, :a, :s, :b, :f)").bind("t", clock.millis()).bind("w", actor)
                .bind("a", action).bind("s", subject).bind("b", clip(before)).bind("f", clip(after)).execute());
    }

    /** The newest {@code limit} entries, newest first. */
    public List<Entry> recent(int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM billing_audit ORDER BY id DESC").setMaxRows(limit)
                .map((rs, ctx) -> new Entry(rs.getLong("id"), rs.getLong("at"), rs.getString("actor"),
                        rs.getString("action"), rs.getString("subject"), rs.getString("before_json"),
                        rs.getString("after_json"))).list());
    }

    private static String clip(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 1997) + "...";
    }
}
