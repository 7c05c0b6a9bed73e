package dev.cairn.billing.pay;

/**
 * An account as billing sees it: prepaid or postpaid, balance in minor units (prepaid credit), tax rate in basis
 * points, the payment gateway's customer reference (null: none), and the dunning state: {@code good}, {@code reminded}
 * (an invoice is overdue), {@code restricted} (new writes refused) or {@code notice} (written notice of deletion sent).
 */
public record BillingAccount(long accountId, String accountName, String email, String plan, long storedBytes,
        String status, String mode, long balanceMinor, int taxRateBp, String paymentMethod, String state,
        Long stateSince, Long noticeSentAt) {

    public boolean writesRefused() {
        return "restricted".equals(state) || "notice".equals(state);
    }

    public boolean prepaid() {
        return "prepaid".equals(mode);
    }
}
