package dev.cairn.billing.invoice;

import java.util.List;

/**
 * An issued invoice or credit note (kind {@code invoice} / {@code credit-note}): immutable once issued except for the
 * time it was paid. Amounts are minor units of {@code currency}; {@code totalMinor} is the sum of the lines.
 */
public record Invoice(long id, long accountId, String accountName, String number, String kind, String month,
        long periodStart, long periodEnd, String currency, long totalMinor, long issuedAt, long dueAt, Long paidAt,
        Long correctsId, List<Line> lines) {

    public boolean paid() {
        return paidAt != null;
    }
}
