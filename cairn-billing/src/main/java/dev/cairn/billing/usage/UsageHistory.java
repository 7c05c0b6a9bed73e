package dev.cairn.billing.usage;

import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** An account's daily usage as the platform meters it ({@code usage_daily}): for the admin console's charts. */
public final class UsageHistory {
    private final Jdbi jdbi;

    public UsageHistory(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** One UTC day: stored bytes sampled that day, egress and ingress bytes. */
    public record Day(String day, long storedBytes, long egressBytes, long ingressBytes) {
    }

    /** The last {@code limit} metered days of the account, oldest first. */
    public List<Day> lastDays(long accountId, int limit) {
        List<Day> newestFirst = jdbi.withHandle(h -> h.createQuery("SELECT day, stored_bytes, egress_bytes, "
                + "ingress_bytes FROM usage_daily WHERE account_id = :a ORDER BY day DESC").bind("a", accountId)
                .setMaxRows(limit).map((rs, ctx) -> new Day(rs.getString(1), rs.getLong(2), rs.getLong(3),
                        rs.getLong(4))).list());
        return newestFirst.reversed();
    }
}
