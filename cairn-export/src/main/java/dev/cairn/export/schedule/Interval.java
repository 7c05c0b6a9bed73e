package dev.cairn.export.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * How often a scheduled export runs: every {@code hours} hours, every day at {@code at} (UTC), every week on
 * {@code day} at {@code at} (UTC), or at the times of a Unix {@code cron} line (UTC; ADR 30). Immutable.
 */
public record Interval(Every every, int hours, LocalTime at, DayOfWeek day, CronLine cron) {
    /** The kinds of interval, by their wire names. */
    public enum Every {
        HOURS, DAY, WEEK, CRON;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static Interval hours(int hours) {
        return new Interval(Every.HOURS, hours, null, null, null);
    }

    public static Interval daily(LocalTime at) {
        return new Interval(Every.DAY, 0, at, null, null);
    }

    public static Interval weekly(DayOfWeek day, LocalTime at) {
        return new Interval(Every.WEEK, 0, at, day, null);
    }

    public static Interval cron(CronLine line) {
        return new Interval(Every.CRON, 0, null, null, line);
    }

    /** The first run strictly after {@code after} (the runs missed before it are not counted). */
    public Instant next(Instant after) {
        if (every == Every.HOURS) {
            return after.plus(Duration.ofHours(hours));
        }
        if (every == Every.CRON) {
            return cron.next(after);
        }
        ZonedDateTime now = after.atZone(ZoneOffset.UTC);
        ZonedDateTime at = now.with(this.at);
        if (every == Every.WEEK) {
            at = at.with(TemporalAdjusters.nextOrSame(day));
        }
        if (!at.isAfter(now)) {
            at = at.plus(every == Every.WEEK ? Duration.ofDays(7) : Duration.ofDays(1));
        }
        return at.toInstant();
    }
}
