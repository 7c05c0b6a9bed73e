package dev.cairn.export.schedule;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What an owner asks for: {@code every} ({@code hours}, {@code day} or {@code week}), {@code hours} (1-168, for
 * {@code hours} only), {@code at} ({@code HH:MM} UTC, for {@code day} and {@code week}), {@code day} ({@code monday} …
 * {@code sunday}, for {@code week}), the formats (empty: all), and the retention: {@code keepLast} finished exports
 * (1-1000, default {@value #KEEP_LAST}) and {@code keepDays} (1-3650, default {@value #KEEP_DAYS}). {@link #check}
 * says what is wrong in the owner's words.
 */
public record ScheduleSetting(String every, Integer hours, String at, String day, List<String> formats,
        Integer keepLast, Integer keepDays) {
    public static final int KEEP_LAST = 7;
    public static final int KEEP_DAYS = 30;

    /** The interval, or the problem with it. */
    public Result check() {
        if (every == null) {
            return problem("say how often: every is hours, day or week");
        }
        return switch (every) {
            case "hours" -> hoursOnly();
            case "day" -> timeOnly(day == null, "day is for weekly schedules only").map(Interval::daily);
            case "week" -> weekDay().map(d -> timeOnly(true, "").map(t -> Interval.weekly(d, t)))
                    .orElseGet(() -> problem("give the day of the week: monday, tuesday, … sunday"));
            default -> problem("every is hours, day or week, not '" + every + "'");
        };
    }

    public int keepLastOrDefault() {
        return keepLast == null ? KEEP_LAST : keepLast;
    }

    public int keepDaysOrDefault() {
        return keepDays == null ? KEEP_DAYS : keepDays;
    }

    /** The problem with the retention, if any. */
    public Optional<String> retentionProblem() {
        if (keepLastOrDefault() < 1 || keepLastOrDefault() > 1000) {
            return Optional.of("keepLast is how many finished exports to keep: 1 to 1000");
        }
        if (keepDaysOrDefault() < 1 || keepDaysOrDefault() > 3650) {
            return Optional.of("keepDays is how many days to keep exports: 1 to 3650");
        }
        return Optional.empty();
    }

    private Result hoursOnly() {
        if (at != null || day != null) {
            return problem("an hourly schedule takes hours only, not at or day");
        }
        if (hours == null || hours < 1 || hours > 168) {
            return problem("hours is how many hours between exports: 1 to 168");
        }
        return new Result(Interval.hours(hours), null);
    }

    private TimeResult timeOnly(boolean dayFits, String dayProblem) {
        if (hours != null) {
            return new TimeResult(null, "hours is for hourly schedules only");
        }
        if (!dayFits) {
            return new TimeResult(null, dayProblem);
        }
        try {
            if (at == null || !at.matches("\\d\\d:\\d\\d")) {
                throw new DateTimeParseException("not HH:MM", String.valueOf(at), 0);
            }
            return new TimeResult(LocalTime.parse(at), null);
        } catch (DateTimeParseException e) {
            return new TimeResult(null, "give the time as HH:MM in UTC, e.g. 02:30");
        }
    }

    private Optional<DayOfWeek> weekDay() {
        try {
            return day == null ? Optional.empty() : Optional.of(DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Result problem(String problem) {
        return new Result(null, problem);
    }

    /** The interval, or (interval null) the problem. */
    public record Result(Interval interval, String problem) {
    }

    private record TimeResult(LocalTime time, String problem) {
        Result map(java.util.function.Function<LocalTime, Interval> f) {
            return time == null ? new Result(null, problem) : new Result(f.apply(time), null);
        }
    }
}
