package dev.cairn.server.quota;

import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.jdbi.v3.core.Jdbi;

/**
 * Per tenant per UTC day metering of ingress and egress bytes and request counts, plus a daily snapshot of stored bytes,
 * in {@code usage_daily}. Counts accumulate in memory (no database write per request) and {@link #flush()} adds them to
 * the table; call it periodically and on shutdown. Counts recorded after the last flush of a crashed process are lost,
 * which is the price of not writing per request. Thread-safe.
 */
public final class UsageMeter {
    private final Jdbi jdbi;
    private final InstantSource clock;
    private final ConcurrentHashMap<Key, Counters> pending = new ConcurrentHashMap<>();

    private record Key(long accountId, String day) {
    }

    private static final class Counters {
        final LongAdder ingress = new LongAdder();
        final LongAdder egress = new LongAdder();
        final LongAdder requests = new LongAdder();
    }

    public UsageMeter(Jdbi jdbi, InstantSource clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public void request(long accountId) {
        counters(accountId).requests.increment();
    }

    public void ingress(long accountId, long bytes) {
        counters(accountId).ingress.add(bytes);
    }

    public void egress(long accountId, long bytes) {
        counters(accountId).egress.add(bytes);
    }

    private Counters counters(long accountId) {
        return pending.computeIfAbsent(new Key(accountId, today()), k -> new Counters());
    }

    private String today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
    }

    /** Adds the pending counts to the table and snapshots every live tenant's stored bytes for today. */
    public synchronized void flush() {
        String today = today();
        for (Map.Entry<Key, Counters> e : pending.entrySet()) {
            if (!e.getKey().day().equals(today)) {
                pending.remove(e.getKey()); // today's counters stay: a concurrent add to a removed one would be lost
            }
            Counters c = e.getValue();
            long ingress = c.ingress.sumThenReset();
            long egress = c.egress.sumThenReset();
            long requests = c.requests.sumThenReset();
            if (ingress != 0 || egress != 0 || requests != 0) {
                add(e.getKey(), ingress, egress, requests);
            }
        }
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO usage_daily (account_id, day, stored_bytes) "
                + "SELECT id, :day, stored_bytes FROM accounts WHERE status <> 'deleted' "
                + "ON CONFLICT (account_id, day) DO UPDATE SET stored_bytes = excluded.stored_bytes")
                .bind("day", today).execute());
    }

    private void add(Key key, long ingress, long egress, long requests) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO usage_daily (account_id, day, ingress_bytes, egress_bytes, requests) "
                + "SELECT id, :day, :i, :e, :r FROM accounts WHERE id = :a "
                + "ON CONFLICT (account_id, day) DO UPDATE SET ingress_bytes = usage_daily.ingress_bytes + excluded.ingress_bytes, "
                + "egress_bytes = usage_daily.egress_bytes + excluded.egress_bytes, requests = usage_daily.requests + excluded.requests")
                .bind("day", key.day()).bind("i", ingress).bind("e", egress).bind("r", requests).bind("a", key.accountId())
                .execute());
    }

    /** One day of a tenant's metering as stored (after {@link #flush()}). */
    public record Day(String day, long storedBytes, long ingressBytes, long egressBytes, long requests) {
    }

    /** Every account's metering summed from {@code fromDay} (YYYY-MM-DD, UTC) on; stored bytes are not summed (0). */
    public Day totalSince(String fromDay) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(SUM(ingress_bytes), 0) AS i, COALESCE(SUM("
                + "egress_bytes), 0) AS e, COALESCE(SUM(requests), 0) AS r FROM usage_daily WHERE day >= :d")
                .bind("d", fromDay).map((rs, ctx) -> new Day(fromDay, 0, rs.getLong("i"), rs.getLong("e"),
                        rs.getLong("r"))).one());
    }

    /** The tenant's metered days, oldest first. */
    public java.util.List<Day> days(long accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM usage_daily WHERE account_id = :a ORDER BY day")
                .bind("a", accountId).map((rs, ctx) -> new Day(rs.getString("day"), rs.getLong("stored_bytes"),
                        rs.getLong("ingress_bytes"), rs.getLong("egress_bytes"), rs.getLong("requests"))).list());
    }
}
