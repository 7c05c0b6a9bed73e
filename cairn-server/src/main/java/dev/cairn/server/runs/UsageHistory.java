package dev.cairn.server.runs;

import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Each account's and each repository's stored bytes over time: {@link #sample} (a job, hourly) writes every account's
 * and repository's current stored bytes as the sample of the current UTC day, replacing an earlier sample of that day;
 * {@link #series} and {@link #repoSeries} read them back.
 * Thread-safe; idempotent, so several server processes may sample at once.
 */
public final class UsageHistory {
    private final Jdbi jdbi;
    private final InstantSource clock;

    public UsageHistory(Jdbi jdbi, InstantSource clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** One day's sample. */
    public record Sample(LocalDate day, long storedBytes) {
    }

    /** Samples every account that is not deleted, and each of its repositories; returns how many accounts. */
    public int sample() {
        Instant now = clock.instant();
        long day = LocalDate.ofInstant(now, ZoneOffset.UTC).toEpochDay();
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO repo_usage_samples (account_id, repo, day, stored_bytes, "
                + "object_count, sampled_at) SELECT r.account_id, r.name, :d, r.stored_bytes, r.object_count, :now FROM "
                + "repos r JOIN accounts a ON a.id = r.account_id WHERE a.status <> 'deleted' ON CONFLICT (account_id, "
                + "repo, day) DO UPDATE SET stored_bytes = excluded.stored_bytes, object_count = excluded.object_count, "
                + "sampled_at = excluded.sampled_at").bind("d", day).bind("now", now.toEpochMilli()).execute());
        return jdbi.withHandle(h -> h.createUpdate("INSERT INTO usage_samples (account_id, day, stored_bytes, "
                + "sampled_at) SELECT id, :d, stored_bytes, :now FROM accounts WHERE status <> 'deleted' ON CONFLICT "
                + "(account_id, day) DO UPDATE SET stored_bytes = excluded.stored_bytes, sampled_at = excluded.sampled_at")
                .bind("d", day).bind("now", now.toEpochMilli()).execute());
    }

    /** One repository's samples of the last {@code days} days (today included), oldest first. */
    public List<Sample> repoSeries(long accountId, String repo, int days) {
        long today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toEpochDay();
        return jdbi.withHandle(h -> h.createQuery("SELECT day, stored_bytes FROM repo_usage_samples WHERE account_id = :a "
                + "AND repo = :r AND day > :from ORDER BY day").bind("a", accountId).bind("r", repo)
                .bind("from", today - days)
                .map((rs, ctx) -> new Sample(LocalDate.ofEpochDay(rs.getLong("day")), rs.getLong("stored_bytes")))
                .list());
    }

    /** Forgets a deleted repository's samples. */
    public void forgetRepo(long accountId, String repo) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM repo_usage_samples WHERE account_id = :a AND repo = :r")
                .bind("a", accountId).bind("r", repo).execute());
    }

    /** The account's samples of the last {@code days} days (today included), oldest first; days without one are absent. */
    public List<Sample> series(long accountId, int days) {
        long today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toEpochDay();
        return jdbi.withHandle(h -> h.createQuery("SELECT day, stored_bytes FROM usage_samples WHERE account_id = :a "
                + "AND day > :from ORDER BY day").bind("a", accountId).bind("from", today - days)
                .map((rs, ctx) -> new Sample(LocalDate.ofEpochDay(rs.getLong("day")), rs.getLong("stored_bytes")))
                .list());
    }
}
