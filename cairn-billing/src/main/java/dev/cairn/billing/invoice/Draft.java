package dev.cairn.billing.invoice;

import java.util.List;

/**
 * An invoice computed but not issued (a preview, or what {@code issue} stores): the account, the billed period
 * {@code [periodStart, periodEnd)} of month {@code month}, the currency, the lines, and the credit it uses.
 */
public record Draft(long accountId, String month, long periodStart, long periodEnd, String currency, List<Line> lines,
        long creditUsedMinor) {

    public Draft {
        lines = List.copyOf(lines);
    }

    /** The total: the sum of the lines, to the minor unit. */
    public long totalMinor() {
        return lines.stream().mapToLong(Line::amountMinor).sum();
    }
}
