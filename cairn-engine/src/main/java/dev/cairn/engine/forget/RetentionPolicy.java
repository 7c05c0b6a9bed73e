package dev.cairn.engine.forget;

import java.util.List;

/**
 * Which snapshots of a group to keep (restic's {@code ExpirePolicy}): the newest {@code last}; the newest of each of the
 * newest {@code hourly} hours, {@code daily} days, ISO weeks, months, years that have snapshots; every snapshot within
 * {@code within} of the group's newest (not counting snapshots in the future); the newest of each hour, day, … within the
 * {@code within…} durations; every snapshot carrying all tags of any list in {@code keepTags}. A count of {@link #ALL}
 * keeps every bucket. A snapshot kept by any rule is kept.
 */
public record RetentionPolicy(int last, int hourly, int daily, int weekly, int monthly, int yearly, RetentionDuration within,
        RetentionDuration withinHourly, RetentionDuration withinDaily, RetentionDuration withinWeekly,
        RetentionDuration withinMonthly, RetentionDuration withinYearly, List<List<String>> keepTags) {
    /** A count meaning "every bucket" (restic's {@code unlimited}). */
    public static final int ALL = -1;

    public static final RetentionPolicy NONE = new RetentionPolicy(0, 0, 0, 0, 0, 0, RetentionDuration.ZERO,
            RetentionDuration.ZERO, RetentionDuration.ZERO, RetentionDuration.ZERO, RetentionDuration.ZERO,
            RetentionDuration.ZERO, List.of());

    public RetentionPolicy {
        for (int n : new int[] {last, hourly, daily, weekly, monthly, yearly}) {
            if (n < ALL) {
                throw new IllegalArgumentException("a --keep-* count must be 0 or more (or 'unlimited'), not " + n);
            }
        }
        keepTags = keepTags.stream().map(List::copyOf).toList();
    }

    /** The counts as an array in bucket order: last, hourly, daily, weekly, monthly, yearly. */
    int[] counts() {
        return new int[] {last, hourly, daily, weekly, monthly, yearly};
    }

    /** The within durations in bucket order: hourly, daily, weekly, monthly, yearly. */
    RetentionDuration[] withins() {
        return new RetentionDuration[] {withinHourly, withinDaily, withinWeekly, withinMonthly, withinYearly};
    }

    /** True if no rule is set: such a policy would remove every snapshot, so forget refuses it. */
    public boolean isEmpty() {
        for (int n : counts()) {
            if (n != 0) {
                return false;
            }
        }
        for (RetentionDuration d : withins()) {
            if (!d.isZero()) {
                return false;
            }
        }
        return within.isZero() && keepTags.isEmpty();
    }

    public RetentionPolicy withCounts(int newLast, int newHourly, int newDaily, int newWeekly, int newMonthly, int newYearly) {
        return new RetentionPolicy(newLast, newHourly, newDaily, newWeekly, newMonthly, newYearly, within, withinHourly,
                withinDaily, withinWeekly, withinMonthly, withinYearly, keepTags);
    }

    public RetentionPolicy withWithin(RetentionDuration all, RetentionDuration hours, RetentionDuration days,
            RetentionDuration weeks, RetentionDuration months, RetentionDuration years) {
        return new RetentionPolicy(last, hourly, daily, weekly, monthly, yearly, all, hours, days, weeks, months, years, keepTags);
    }

    public RetentionPolicy withKeepTags(List<List<String>> tags) {
        return new RetentionPolicy(last, hourly, daily, weekly, monthly, yearly, within, withinHourly, withinDaily,
                withinWeekly, withinMonthly, withinYearly, tags);
    }
}
