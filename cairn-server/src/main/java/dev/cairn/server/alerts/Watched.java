package dev.cairn.server.alerts;

import dev.cairn.server.db.Rows;
import dev.cairn.server.runs.RunService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * What the alerts job looks at, read in the caller's handle: the active accounts with their stored bytes and quota,
 * and each account's watched devices with the last time each backed up successfully. A device is watched while it is
 * signed in (a live token with its name) or reported a run in the last {@link #RECENT} days.
 */
final class Watched {
    static final Duration RECENT = Duration.ofDays(30);

    private Watched() {
    }

    /** An active account as the job sees it; {@code quotaBytes} null when unlimited. */
    record AccountState(long id, String name, long storedBytes, Long quotaBytes) {
    }

    /**
     * A watched device: its last successful backup (a reported backup run, or a snapshot its token stored; null when
     * never) and since when it is known (its first sign-in or run), the start of the wait when it never backed up.
     */
    record DeviceState(String name, Instant lastBackup, Instant knownSince) {
    }

    static List<AccountState> accounts(Handle h) {
        return h.createQuery("SELECT a.id, a.name, a.stored_bytes, COALESCE(a.quota_bytes, p.quota_bytes) AS quota "
                + "FROM accounts a JOIN plans p ON p.name = a.plan WHERE a.status = 'active' ORDER BY a.id")
                .map((rs, ctx) -> new AccountState(rs.getLong("id"), rs.getString("name"), rs.getLong("stored_bytes"),
                        dev.cairn.server.quota.Quotas.effective(Rows.nullableLong(rs, "quota")))).list();
    }

    /**
     * Sets every device's last backup recorded more than {@code ahead} past {@code now} to now: it was stored while
     * this server's clock was ahead, and the clock has been put right since. Left alone, the device's no-backup alert
     * would come as much later as the clock was ahead; pulled back, it comes at most as much later as the clock stayed
     * ahead. Idempotent: several server processes may run it. Returns the number of devices' tokens changed.
     */
    static int pullBackFutureBackups(Handle h, Instant now, Duration ahead) {
        return h.createUpdate("UPDATE api_tokens SET last_backup_at = :now WHERE last_backup_at > :ahead")
                .bind("now", now.toEpochMilli()).bind("ahead", now.plus(ahead).toEpochMilli()).execute();
    }

    static List<DeviceState> devices(Handle h, long accountId, Instant now) {
        Map<String, Instant[]> seen = new LinkedHashMap<>(); // name -> {lastBackup, knownSince}
        h.createQuery("SELECT device_name, MIN(created_at) AS since, MAX(last_backup_at) AS last_ok FROM api_tokens "
                + "WHERE account_id = :a AND device_name IS NOT NULL AND revoked_at IS NULL AND (expires_at IS NULL OR "
                + "expires_at > :now) GROUP BY device_name").bind("a", accountId).bind("now", now.toEpochMilli())
                .map((rs, ctx) -> merge(seen, rs.getString("device_name"), Rows.instant(rs, "last_ok"),
                        Rows.instant(rs, "since"))).list();
        h.createQuery("SELECT device, MIN(started_at) AS since, MAX(CASE WHEN kind = 'backup' AND status = 'success' "
                + "THEN " + RunService.SUCCESS_TIME + " END) AS last_ok FROM runs WHERE account_id = :a GROUP BY device HAVING "
                + "MAX(received_at) >= :recent").bind("a", accountId)
                .bind("recent", now.minus(RECENT).toEpochMilli())
                .map((rs, ctx) -> merge(seen, rs.getString("device"), Rows.instant(rs, "last_ok"),
                        Rows.instant(rs, "since"))).list();
        h.createQuery("SELECT device_name, MAX(last_backup_at) AS last_ok FROM api_tokens WHERE account_id = :a AND "
                + "device_name IS NOT NULL GROUP BY device_name").bind("a", accountId)
                .map((rs, ctx) -> {
                    Instant[] known = seen.get(rs.getString("device_name"));
                    if (known != null) {
                        known[0] = later(known[0], Rows.instant(rs, "last_ok"));
                    }
                    return 0;
                }).list();
        List<DeviceState> out = new ArrayList<>();
        seen.forEach((name, v) -> out.add(new DeviceState(name, v[0], v[1])));
        return out;
    }

    private static int merge(Map<String, Instant[]> seen, String name, Instant lastOk, Instant since) {
        Instant[] v = seen.computeIfAbsent(name, n -> new Instant[] {null, since});
        v[0] = later(v[0], lastOk);
        v[1] = v[1] == null || (since != null && since.isBefore(v[1])) ? since : v[1];
        return 0;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    /** Whether the device has a live token created at or after {@code since} (it signed in again). */
    static boolean signedInSince(Handle h, long accountId, String device, Instant since, Instant now) {
        return h.createQuery("SELECT COUNT(*) FROM api_tokens WHERE account_id = :a AND device_name = :d AND revoked_at "
                + "IS NULL AND (expires_at IS NULL OR expires_at > :now) AND created_at >= :since").bind("a", accountId)
                .bind("d", device).bind("now", now.toEpochMilli()).bind("since", since.toEpochMilli())
                .mapTo(Long.class).one() > 0;
    }
}
