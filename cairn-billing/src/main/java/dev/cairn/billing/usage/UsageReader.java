package dev.cairn.billing.usage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads an account's usage from the platform's tables: the usage-change journal ({@code usage_changes}, written in the
 * transactions that change {@code accounts.stored_bytes} and {@code accounts.plan}) and the daily egress metering
 * ({@code usage_daily}). Stored bytes at {@code from} are the account's current stored bytes minus every delta
 * journaled since, read in one statement (one snapshot on both databases), so uploads and deletes that race the read
 * never make it disagree with the store's counters. Thread-safe.
 */
public final class UsageReader {
    private final Jdbi jdbi;

    public UsageReader(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    private record Row(long nowBytes, String nowPlan, long createdAt, Long at, long delta, String cause, String plan,
            String previousPlan) {
    }

    /**
     * The account's usage in {@code [from, to)}, starting at its creation if later; {@code to} may be now (the month so
     * far).
     */
    public AccountUsage read(long accountId, long from, long to) {
        return jdbi.withHandle(h -> {
            List<Row> rows = h.createQuery("SELECT a.stored_bytes AS now_bytes, a.plan AS now_plan, a.created_at, c.at, "
                    + "c.delta_bytes, c.cause, c.plan, c.previous_plan FROM accounts a LEFT JOIN usage_changes c "
                    + "ON c.account_id = a.id AND c.at >= :f WHERE a.id = :a ORDER BY c.at, c.id")
                    .bind("a", accountId).bind("f", from)
                    .map((rs, ctx) -> new Row(rs.getLong("now_bytes"), rs.getString("now_plan"), rs.getLong("created_at"),
                            rs.getObject("at") == null ? null : (Long) rs.getLong("at"), rs.getLong("delta_bytes"),
                            rs.getString("cause"), rs.getString("plan"), rs.getString("previous_plan"))).list();
            if (rows.isEmpty()) {
                throw new IllegalArgumentException("no account with id " + accountId);
            }
            List<Row> changes = rows.stream().filter(r -> r.at() != null).toList();
            String startPlan = planBefore(h, accountId, from).orElseGet(() -> changes.stream()
                    .filter(r -> "plan".equals(r.cause())).findFirst().map(Row::previousPlan)
                    .orElse(rows.getFirst().nowPlan()));
            long created = rows.getFirst().createdAt();
            long start = Math.min(Math.max(from, created), to); // nothing is billed before the account existed
            return new AccountUsage(accountId, start, to, created,
                    storage(rows.getFirst().nowBytes(), changes, start, to), plans(startPlan, changes, start, to),
                    egress(h, accountId, start, to));
        });
    }

    private static List<AccountUsage.Step> storage(long nowBytes, List<Row> changes, long from, long to) {
        long bytes = nowBytes;
        for (Row r : changes) {
            bytes -= r.delta();
        }
        List<AccountUsage.Step> steps = new ArrayList<>();
        long since = from;
        for (Row r : changes) {
            if (r.at() >= to) {
                break;
            }
            if (r.delta() != 0) {
                if (r.at() > since) {
                    steps.add(new AccountUsage.Step(since, r.at(), bytes));
                    since = r.at();
                }
                bytes += r.delta();
            }
        }
        if (to > since) {
            steps.add(new AccountUsage.Step(since, to, bytes));
        }
        return List.copyOf(steps);
    }

    private static List<AccountUsage.PlanSpan> plans(String startPlan, List<Row> changes, long from, long to) {
        List<AccountUsage.PlanSpan> spans = new ArrayList<>();
        String plan = startPlan;
        long since = from;
        for (Row r : changes) {
            if (r.at() >= to) {
                break;
            }
            if ("plan".equals(r.cause()) && !r.plan().equals(plan)) {
                if (r.at() > since) {
                    spans.add(new AccountUsage.PlanSpan(since, r.at(), plan));
                    since = r.at();
                }
                plan = r.plan();
            }
        }
        if (to > since) {
            spans.add(new AccountUsage.PlanSpan(since, to, plan));
        }
        return List.copyOf(spans);
    }

    private static java.util.Optional<String> planBefore(Handle h, long accountId, long before) {
        return h.createQuery("SELECT plan FROM usage_changes WHERE account_id = :a AND at < :b AND cause = 'plan' "
                + "ORDER BY at DESC, id DESC").bind("a", accountId).bind("b", before).setMaxRows(1)
                .mapTo(String.class).findFirst();
    }

    private static List<AccountUsage.EgressDay> egress(Handle h, long accountId, long from, long to) {
        String first = day(from - 1).toString(); // may start in the UTC day before; filtered by start below
        String last = day(to).toString();
        List<AccountUsage.EgressDay> days = new ArrayList<>();
        h.createQuery("SELECT day, egress_bytes FROM usage_daily WHERE account_id = :a AND day >= :f AND day <= :l "
                + "ORDER BY day").bind("a", accountId).bind("f", first).bind("l", last)
                .map((rs, ctx) -> new AccountUsage.EgressDay(LocalDate.parse(rs.getString(1)).atStartOfDay(ZoneOffset.UTC)
                        .toInstant().toEpochMilli(), rs.getLong(2)))
                .forEach(d -> {
                    if (d.dayStart() >= from && d.dayStart() < to && d.bytes() != 0) {
                        days.add(d);
                    }
                });
        return List.copyOf(days);
    }

    private static LocalDate day(long millis) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }
}
