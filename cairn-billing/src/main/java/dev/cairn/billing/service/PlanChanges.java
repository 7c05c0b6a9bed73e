package dev.cairn.billing.service;

import dev.cairn.billing.plan.PlanCatalog;
import dev.cairn.billing.plan.PricedPlan;
import dev.cairn.server.error.ServiceException;
import dev.cairn.server.quota.UsageJournal;
import java.time.InstantSource;
import org.jdbi.v3.core.Jdbi;

/**
 * A customer's own change of plan (the billing page): to a plan with prices that is not retired, journaled in the same
 * transaction as the platform's {@code AccountService.setPlan} does, so the month is pro-rated at that instant.
 */
public final class PlanChanges {
    private final Jdbi jdbi;
    private final InstantSource clock;
    private final PlanCatalog plans;

    public PlanChanges(Jdbi jdbi, InstantSource clock, PlanCatalog plans) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.plans = plans;
    }

    /** @throws ServiceException not-found for an unknown or unpriced plan, bad-request for a retired one */
    public void change(long accountId, String plan) {
        PricedPlan p = plans.find(plan).orElseThrow(() -> ServiceException.notFound("there is no plan '" + plan
                + "' to choose"));
        if (p.retiredAt() != null) {
            throw ServiceException.badRequest("plan '" + plan + "' is retired; choose another");
        }
        long now = clock.millis();
        jdbi.useTransaction(h -> {
            String current = h.createQuery("SELECT plan FROM accounts WHERE id = :a").bind("a", accountId)
                    .mapTo(String.class).one();
            if (!current.equals(plan)) {
                h.createUpdate("UPDATE accounts SET plan = :p WHERE id = :a").bind("p", plan).bind("a", accountId)
                        .execute();
                UsageJournal.recordPlan(h, accountId, now, current, plan);
            }
        });
    }
}
