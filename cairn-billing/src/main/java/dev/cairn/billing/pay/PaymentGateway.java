package dev.cairn.billing.pay;

/**
 * Takes money from a customer's stored payment method. Implementations are thread-safe and idempotent per
 * {@code idempotencyKey}: charging the same key twice takes the money once (a retry after a timeout is safe).
 */
public interface PaymentGateway {
    /** A short stable name, stored with each payment ("sandbox", "stripe"). */
    String name();

    /**
     * Charges {@code amountMinor} (minor units of {@code currency}, positive) to {@code customer}, the reference the
     * gateway gave the customer's payment method.
     */
    Charge charge(String customer, long amountMinor, String currency, String idempotencyKey);

    /** The outcome: succeeded with the gateway's reference, or declined with a reason for the customer. */
    record Charge(boolean succeeded, String reference, String message) {
    }
}
