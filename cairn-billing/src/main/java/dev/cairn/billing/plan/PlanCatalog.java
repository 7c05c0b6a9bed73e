package dev.cairn.billing.plan;

import dev.cairn.server.error.ServiceException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The prices of the platform's plans ({@code billing_plans}, keyed by {@code plans.name}; the platform's table keeps
 * each plan's quota). Thread-safe.
 */
public final class PlanCatalog {
    private final Jdbi jdbi;

    public PlanCatalog(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Creates or changes the prices of plan {@code p.name()}, creating the platform plan (unlimited quota) if missing.
     * Returns the prices before (empty for a new plan).
     */
    public Optional<PricedPlan> put(PricedPlan p, Long quotaBytes, long now) {
        if (p.name() == null || !p.name().matches("[a-z0-9][a-z0-9-]{0,63}")) {
            throw ServiceException.badRequest("plan name '" + p.name() + "' must be 1-64 characters a-z, 0-9 and '-'");
        }
        return jdbi.inTransaction(h -> {
            Optional<PricedPlan> before = find(h, p.name());
            boolean platformPlan = h.createQuery("SELECT COUNT(*) FROM plans WHERE name = :n").bind("n", p.name())
                    .mapTo(Long.class).one() > 0;
            if (!platformPlan) {
                h.createUpdate("INSERT INTO plans (name, quota_bytes) VALUES (:n, :q)").bind("n", p.name())
                        .bind("q", quotaBytes).execute();
            } else if (quotaBytes != null) {
                h.createUpdate("UPDATE plans SET quota_bytes = :q WHERE name = :n").bind("n", p.name())
                        .bind("q", quotaBytes).execute();
            }
            h.createUpdate("DELETE FROM billing_plans WHERE plan = :n").bind("n", p.name()).execute();
            h.createUpdate("INSERT INTO billing_plans (plan, monthly_fee_minor, included_storage_bytes, "
                    + "included_egress_bytes, storage_price_micros, egress_price_micros, trial_days, retired_at, "
                    + "updated_at) VALUES (:n, :fee, :is, :ie, :sp, :ep, :t, :r, :u)").bind("n", p.name())
                    .bind("fee", p.monthlyFeeMinor()).bind("is", p.includedStorageBytes())
                    .bind("ie", p.includedEgressBytes()).bind("sp", p.storagePriceMicros())
                    .bind("ep", p.egressPriceMicros()).bind("t", p.trialDays()).bind("r", p.retiredAt())
                    .bind("u", now).execute();
            return before;
        });
    }

    /** The prices of {@code name}: its row, or free if the platform plan has none. */
    public PricedPlan get(String name) {
        return jdbi.withHandle(h -> find(h, name)).orElseGet(() -> PricedPlan.free(name));
    }

    /** The priced plan {@code name}, if it has prices. */
    public Optional<PricedPlan> find(String name) {
        return jdbi.withHandle(h -> find(h, name));
    }

    /** Every platform plan with its prices (free if none), by name. */
    public List<PricedPlan> list() {
        return jdbi.withHandle(h -> {
            Map<String, PricedPlan> priced = h.createQuery("SELECT * FROM billing_plans").map((rs, ctx) -> plan(rs))
                    .list().stream().collect(Collectors.toMap(PricedPlan::name, Function.identity()));
            return h.createQuery("SELECT name FROM plans ORDER BY name").mapTo(String.class).list().stream()
                    .map(n -> priced.getOrDefault(n, PricedPlan.free(n))).toList();
        });
    }

    /** The platform quota of a plan (null: unlimited). */
    public Long quota(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT quota_bytes FROM plans WHERE name = :n").bind("n", name)
                .mapTo(Long.class).findFirst().orElse(null));
    }

    private static Optional<PricedPlan> find(Handle h, String name) {
        return h.createQuery("SELECT * FROM billing_plans WHERE plan = :n").bind("n", name)
                .map((rs, ctx) -> plan(rs)).findFirst();
    }

    private static PricedPlan plan(java.sql.ResultSet rs) throws java.sql.SQLException {
        int trial = rs.getInt("trial_days");
        long retired = rs.getLong("retired_at");
        boolean open = rs.wasNull();
        return new PricedPlan(rs.getString("plan"), rs.getLong("monthly_fee_minor"),
                rs.getLong("included_storage_bytes"), rs.getLong("included_egress_bytes"),
                rs.getLong("storage_price_micros"), rs.getLong("egress_price_micros"), trial,
                open ? null : retired);
    }
}
