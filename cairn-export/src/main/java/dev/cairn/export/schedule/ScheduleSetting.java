package dev.cairn.export.schedule;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What an owner asks for: {@code every} ({@code hours}, {@code day}, {@code week} or {@code cron}), {@code hours}
 * (1-168, for {@code hours} only), {@code at} ({@code HH:MM} UTC, for {@code day} and {@code week}), {@code day}
 * ({@code monday} … {@code sunday}, for {@code week}), {@code cron} (a Unix cron line in UTC, for {@code cron} only),
 * the formats (empty: all), the retention: {@code keepLast} finished exports (1-1000, default {@value #KEEP_LAST}) and
 * {@code keepDays} (1-3650, default {@value #KEEP_DAYS}), whether the record history goes in ({@code history},
 * default true), and the {@code mode} (full, the default, or incremental, with a full export every {@code fullEvery}
 * exports: 1-100, default {@value #FULL_EVERY}), and whether its full exports carry the cairn distribution
 * ({@code withSoftware}, default true). {@link #check} and {@link #problem} say what is wrong in the owner's
 * words.
 */
public record ScheduleSetting(String every, Integer hours, String at, String day, String cron, List<String> formats,
        Integer keepLast, Integer keepDays, Boolean history, String mode, Integer fullEvery, Boolean withSoftware) {

    /** A setting that leaves the software at its default (full exports carry it). */
    public ScheduleSetting(String every, Integer hours, String at, String day, String cron, List<String> formats,
            Integer keepLast, Integer keepDays, Boolean history, String mode, Integer fullEvery) {
        this(every, hours, at, day, cron, formats, keepLast, keepDays, history, mode, fullEvery, null);
    }
    public static final int KEEP_LAST = 7;
    public static final int KEEP_DAYS = 30;
    public static final int FULL_EVERY = 7;

    /** An interval schedule with the defaults for everything else (full exports with history). */
    public static ScheduleSetting of(String every, Integer hours, String at, String day, List<String> formats,
            Integer keepLast, Integer keepDays) {
        return new ScheduleSetting(every, hours, at, day, null, formats, keepLast, keepDays, null, null, null);
    }

    /** The interval, or the problem with it. */
    public Result check() {
        if (every == null) {
            return problem("say how often: every is hours, day, week or cron");
        }
        if (cron != null && !"cron".equals(every)) {
            return problem("cron is for cron schedules only (every: cron)");
        }
        return switch (every) {
            case "hours" -> hoursOnly();
            case "day" -> timeOnly(day == null, "day is for weekly schedules only").map(Interval::daily);
            case "week" -> weekDay().map(d -> timeOnly(true, "").map(t -> Interval.weekly(d, t)))
                    .orElseGet(() -> problem("give the day of the week: monday, tuesday, … sunday"));
            case "cron" -> cronOnly();
            default -> problem("every is hours, day, week or cron, not '" + every + "'");
        };
    }

    public int keepLastOrDefault() {
        return keepLast == null ? KEEP_LAST : keepLast;
    }

    public int keepDaysOrDefault() {
        return keepDays == null ? KEEP_DAYS : keepDays;
    }

    public boolean historyOrDefault() {
        return history == null || history;
    }

    /** Whether the schedule's full exports carry the cairn distribution (default true). */
    public boolean withSoftwareOrDefault() {
        return withSoftware == null || withSoftware;
    }

    public int fullEveryOrDefault() {
        return fullEvery == null ? FULL_EVERY : fullEvery;
    }

    /** The mode asked for (full if none); call {@link #problem} first. */
    public ExportMode modeOrDefault() {
        return ExportMode.of(mode).orElseThrow();
    }

    /** The problem with the retention, the mode or its chain length, if any. */
    public Optional<String> problem() {
        if (keepLastOrDefault() < 1 || keepLastOrDefault() > 1000) {
            return Optional.of("keepLast is how many finished exports to keep: 1 to 1000");
        }
        if (keepDaysOrDefault() < 1 || keepDaysOrDefault() > 3650) {
            return Optional.of("keepDays is how many days to keep exports: 1 to 3650");
        }
        if (ExportMode.of(mode).isEmpty()) {
            return Optional.of(ExportMode.problem(mode));
        }
        if (fullEvery != null && modeOrDefault() == ExportMode.FULL) {
            return Optional.of("fullEvery is for incremental schedules only (mode: incremental)");
        }
        if (fullEveryOrDefault() < 1 || fullEveryOrDefault() > 100) {
            return Optional.of("fullEvery is how often a full export starts a new chain: every 1 to 100 exports");
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

    private Result cronOnly() {
        if (at != null || day != null || hours != null) {
            return problem("a cron schedule takes the cron line only, not hours, at or day");
        }
        CronLine.Result r = CronLine.parse(cron);
        return r.line() == null ? problem(r.problem()) : new Result(Interval.cron(r.line()), null);
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
