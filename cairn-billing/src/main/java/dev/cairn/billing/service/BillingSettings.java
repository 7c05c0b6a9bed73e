package dev.cairn.billing.service;

import dev.cairn.billing.money.CurrencyUnit;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The operator's billing settings ({@code billing_settings}), each with a default: {@code currency} (EUR), {@code zone}
 * of the billing month (UTC), {@code due-days} after issue (14), {@code grace-days} after the due date before new
 * writes are refused (14), {@code notice-days} of refused writes before the written deletion notice (60) and
 * {@code deletion-days} after that notice before the account is listed for deletion (30). Read fresh on every call, so
 * every server process sees a change at once. Thread-safe.
 */
public final class BillingSettings {
    public static final Map<String, String> DEFAULTS = Map.of("currency", "EUR", "zone", "UTC", "due-days", "14",
            "grace-days", "14", "notice-days", "60", "deletion-days", "30");
    private final Jdbi jdbi;

    public BillingSettings(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public CurrencyUnit currency() {
        return CurrencyUnit.of(get("currency"));
    }

    public ZoneId zone() {
        return ZoneId.of(get("zone"));
    }

    public Duration due() {
        return days("due-days");
    }

    public Duration grace() {
        return days("grace-days");
    }

    public Duration notice() {
        return days("notice-days");
    }

    public Duration deletion() {
        return days("deletion-days");
    }

    /** The value of {@code name}, or its default. */
    public String get(String name) {
        requireKnown(name);
        Optional<String> v = jdbi.withHandle(h -> h.createQuery("SELECT value FROM billing_settings WHERE name = :n")
                .bind("n", name).mapTo(String.class).findFirst());
        return v.orElse(DEFAULTS.get(name));
    }

    /**
     * Sets {@code name} after checking the value; returns the value before.
     *
     * @throws IllegalArgumentException for an unknown name or a bad value, in the user's words
     */
    public String set(String name, String value) {
        requireKnown(name);
        switch (name) {
            case "currency" -> CurrencyUnit.of(value);
            case "zone" -> {
                try {
                    ZoneId.of(value);
                } catch (java.time.DateTimeException e) {
                    throw new IllegalArgumentException("'" + value + "' is not a time zone such as UTC or Europe/Berlin");
                }
            }
            default -> {
                if (!value.matches("[0-9]{1,4}")) {
                    throw new IllegalArgumentException(name + " must be a whole number of days, e.g. 14");
                }
            }
        }
        String before = get(name);
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM billing_settings WHERE name = :n").bind("n", name).execute();
            h.createUpdate("INSERT INTO billing_settings (name, value) VALUES (:n, :v)").bind("n", name)
                    .bind("v", value).execute();
        });
        return before;
    }

    private Duration days(String name) {
        return Duration.ofDays(Long.parseLong(get(name)));
    }

    private static void requireKnown(String name) {
        if (!DEFAULTS.containsKey(name)) {
            throw new IllegalArgumentException("unknown billing setting '" + name + "'; known: "
                    + new java.util.TreeSet<>(DEFAULTS.keySet()));
        }
    }
}
