package dev.cairn.billing.plan;

/**
 * The prices of a platform plan: a monthly fee (minor units), storage and egress included per month (bytes), prices
 * above them in micros of the major unit per GB-month and per GB (GB = 10^9 bytes), a trial of {@code trialDays}
 * from the account's creation, and when it was retired (null: open to new accounts). A plan with no prices is free.
 */
public record PricedPlan(String name, long monthlyFeeMinor, long includedStorageBytes, long includedEgressBytes,
        long storagePriceMicros, long egressPriceMicros, int trialDays, Long retiredAt) {

    public PricedPlan {
        if (monthlyFeeMinor < 0 || includedStorageBytes < 0 || includedEgressBytes < 0 || storagePriceMicros < 0
                || egressPriceMicros < 0 || trialDays < 0) {
            throw new IllegalArgumentException("plan " + name + ": fees, prices, sizes and the trial cannot be negative");
        }
    }

    /** A plan without a price row: everything free. */
    public static PricedPlan free(String name) {
        return new PricedPlan(name, 0, 0, 0, 0, 0, 0, null);
    }

    public boolean isFree() {
        return monthlyFeeMinor == 0 && storagePriceMicros == 0 && egressPriceMicros == 0;
    }
}
