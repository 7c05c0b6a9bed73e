package dev.cairn.agent.daemon;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * When a set runs: {@code every DURATION} (the next run is DURATION after the start of the last) or a five-field cron line
 * ({@code minute hour day-of-month month day-of-week}, in the machine's time zone). A missed slot is never replayed: the
 * next run after a run is always the next slot after it (see {@link Scheduler}).
 */
sealed interface Schedule {
    /** The first run time strictly after {@code after}. */
    Instant next(Instant after);

    /** Whether a set that never ran is due at once (intervals) rather than at its first slot (cron lines). */
    boolean runsAtOnceWhenNew();

    /** The text it was parsed from. */
    String text();

    /** Parses {@code every 1h} or a cron line; an IllegalArgumentException says what is wrong. */
    static Schedule parse(String text, ZoneId zone) {
        String t = text == null ? "" : text.strip();
        if (t.toLowerCase(java.util.Locale.ROOT).startsWith("every ")) {
            Duration d = Durations.parse(t.substring(6));
            if (d.compareTo(Duration.ofMinutes(1)) < 0) {
                throw new IllegalArgumentException("'" + text + "': the shortest interval is 1m");
            }
            return new Every(d, t);
        }
        if (t.split("\\s+").length != 5) {
            throw new IllegalArgumentException("'" + text + "' is not a schedule: write 'every 1h' (or 30m, 1d, ...) or a cron "
                    + "line of five fields, e.g. '0 * * * *' (minute hour day-of-month month day-of-week)");
        }
        try {
            var parser = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
            return new Cron(ExecutionTime.forCron(parser.parse(t).validate()), zone, t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid cron line: " + e.getMessage(), e);
        }
    }

    /** {@code every DURATION}. */
    record Every(Duration interval, String text) implements Schedule {
        @Override
        public Instant next(Instant after) {
            return after.plus(interval);
        }

        @Override
        public boolean runsAtOnceWhenNew() {
            return true;
        }
    }

    /** A cron line in {@code zone}. */
    record Cron(ExecutionTime times, ZoneId zone, String text) implements Schedule {
        @Override
        public Instant next(Instant after) {
            return times.nextExecution(after.atZone(zone)).orElseThrow(() -> new IllegalStateException(
                    "the cron line '" + text + "' has no next run")).toInstant();
        }

        @Override
        public boolean runsAtOnceWhenNew() {
            return false;
        }
    }
}
