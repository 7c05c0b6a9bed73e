package dev.cairn.server.storage;

import dev.cairn.server.db.Rows;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code write_refusals} table: writes refused for a reason the owner can act on (a full quota), per repository and
 * reason, so the dashboard can say "writes to laptop were refused since ..." even after the client gave up. A refusal
 * is current while it is newer than the repository's last successful write; rows are never cleared by writes (several
 * server processes would race), only by deleting the repository. Thread-safe.
 */
public final class WriteRefusals {
    private final Jdbi jdbi;
    private final InstantSource clock;

    WriteRefusals(Jdbi jdbi, InstantSource clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** One kind of refusal of one repository. */
    public record Refusal(String repo, String reason, String detail, Instant firstAt, Instant lastAt, long refusals) {
    }

    /** Counts one refusal now; {@code reason} is the problem's code, {@code detail} its message. */
    public void record(long accountId, String repo, String reason, String detail) {
        long now = clock.millis();
        String text = detail.length() > 1000 ? detail.substring(0, 1000) : detail;
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO write_refusals (account_id, repo, reason, detail, first_at, "
                + "last_at, refusals) VALUES (:a, :r, :reason, :d, :now, :now, 1) ON CONFLICT (account_id, repo, reason) "
                + "DO UPDATE SET detail = excluded.detail, last_at = excluded.last_at, "
                + "refusals = write_refusals.refusals + 1").bind("a", accountId).bind("r", repo).bind("reason", reason)
                .bind("d", text).bind("now", now).execute());
    }

    /** The account's refusals that are newer than their repository's last successful write, newest first. */
    public List<Refusal> current(long accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT w.* FROM write_refusals w LEFT JOIN repos r ON "
                + "r.account_id = w.account_id AND r.name = w.repo WHERE w.account_id = :a AND (r.last_write_at IS NULL "
                + "OR w.last_at > r.last_write_at) ORDER BY w.last_at DESC").bind("a", accountId)
                .map((rs, ctx) -> new Refusal(rs.getString("repo"), rs.getString("reason"), rs.getString("detail"),
                        Rows.instant(rs, "first_at"), Rows.instant(rs, "last_at"), rs.getLong("refusals"))).list());
    }

    /** How many repositories of all accounts have current refusals (the admin's overview). */
    public long currentCount() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM write_refusals w LEFT JOIN repos r ON "
                + "r.account_id = w.account_id AND r.name = w.repo WHERE r.last_write_at IS NULL OR w.last_at > "
                + "r.last_write_at").mapTo(Long.class).one());
    }

    /** Forgets a repository's refusals (it was deleted). */
    public void forget(long accountId, String repo) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM write_refusals WHERE account_id = :a AND repo = :r")
                .bind("a", accountId).bind("r", repo).execute());
    }
}
