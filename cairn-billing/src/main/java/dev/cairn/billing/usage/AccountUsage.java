package dev.cairn.billing.usage;

import java.util.List;

/**
 * What one account did in {@code [from, to)} (epoch milliseconds), as billing needs it: its stored bytes as a step
 * function (consecutive steps cover the interval exactly), its plan as consecutive spans, and its egress by UTC day.
 */
public record AccountUsage(long accountId, long from, long to, long createdAt, List<Step> storage, List<PlanSpan> plans,
        List<EgressDay> egress) {

    /** {@code bytes} stored throughout {@code [from, to)}. */
    public record Step(long from, long to, long bytes) {
    }

    /** Plan {@code plan} in effect throughout {@code [from, to)}. */
    public record PlanSpan(long from, long to, String plan) {
    }

    /** Egress of the UTC day starting at {@code dayStart}; billed in the period that contains {@code dayStart}. */
    public record EgressDay(long dayStart, long bytes) {
    }

    /** The integral of stored bytes above {@code included} over {@code [a, b)}, in byte-milliseconds. */
    public java.math.BigInteger byteMillisAbove(long included, long a, long b) {
        java.math.BigInteger sum = java.math.BigInteger.ZERO;
        for (Step s : storage) {
            long lo = Math.max(a, s.from());
            long hi = Math.min(b, s.to());
            long over = s.bytes() - included;
            if (hi > lo && over > 0) {
                sum = sum.add(java.math.BigInteger.valueOf(over).multiply(java.math.BigInteger.valueOf(hi - lo)));
            }
        }
        return sum;
    }

    /** Egress bytes of the days starting in {@code [a, b)}. */
    public long egressIn(long a, long b) {
        long sum = 0;
        for (EgressDay d : egress) {
            if (d.dayStart() >= a && d.dayStart() < b) {
                sum += d.bytes();
            }
        }
        return sum;
    }

    /** Stored bytes at the end of the interval. */
    public long lastBytes() {
        return storage.isEmpty() ? 0 : storage.getLast().bytes();
    }
}
