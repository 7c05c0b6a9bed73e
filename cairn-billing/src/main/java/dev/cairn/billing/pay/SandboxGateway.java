package dev.cairn.billing.pay;

import java.util.HexFormat;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.charset.StandardCharsets;

/**
 * The test and demo gateway: no money moves. A customer reference starting with {@code sandbox-decline} is declined
 * ("card declined"); any other succeeds with a reference derived from the idempotency key (so a repeated charge has the
 * same reference). Stateless.
 */
public final class SandboxGateway implements PaymentGateway {
    @Override
    public String name() {
        return "sandbox";
    }

    @Override
    public Charge charge(String customer, long amountMinor, String currency, String idempotencyKey) {
        if (amountMinor <= 0) {
            throw new IllegalArgumentException("a charge must be positive: " + amountMinor);
        }
        if (customer.startsWith("sandbox-decline")) {
            return new Charge(false, "", "the card was declined (sandbox)");
        }
        return new Charge(true, "sbx_" + digest(idempotencyKey), "paid (sandbox)");
    }

    private static String digest(String key) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
