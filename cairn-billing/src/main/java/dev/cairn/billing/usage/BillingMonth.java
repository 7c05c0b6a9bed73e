package dev.cairn.billing.usage;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;

/**
 * A calendar month in the billing time zone, as the half-open interval of epoch milliseconds
 * {@code [startMillis, endMillis)}. Its length varies (28 to 31 days, ±1 hour at a daylight-saving change); a GB-month
 * is one GB stored for the whole of the month being billed, so a constant amount stored costs the same every month.
 */
public record BillingMonth(YearMonth month, ZoneId zone, long startMillis, long endMillis) {
    public static BillingMonth of(YearMonth month, ZoneId zone) {
        long start = month.atDay(1).atStartOfDay(zone).toInstant().toEpochMilli();
        long end = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant().toEpochMilli();
        return new BillingMonth(month, zone, start, end);
    }

    /** The month containing {@code instant}. */
    public static BillingMonth containing(Instant instant, ZoneId zone) {
        return of(YearMonth.from(instant.atZone(zone)), zone);
    }

    /**
     * Parses {@code YYYY-MM}.
     *
     * @throws IllegalArgumentException in the user's words
     */
    public static BillingMonth parse(String text, ZoneId zone) {
        try {
            return of(YearMonth.parse(text), zone);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a month such as 2026-03 (YYYY-MM)");
        }
    }

    public long lengthMillis() {
        return endMillis - startMillis;
    }

    public BillingMonth previous() {
        return of(month.minusMonths(1), zone);
    }

    @Override
    public String toString() {
        return month.toString();
    }
}
