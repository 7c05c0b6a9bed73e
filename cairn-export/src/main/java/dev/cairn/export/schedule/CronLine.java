package dev.cairn.export.schedule;

import com.cronutils.descriptor.CronDescriptor;
import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Optional;

/**
 * A Unix cron line of five fields ({@code minute hour day-of-month month day-of-week}, as crontab(5) reads them,
 * through cron-utils), read in UTC (ADR 30). Its minute field is one minute, so a schedule runs at most once an hour,
 * as the shortest interval does. Immutable.
 */
public final class CronLine {
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final String SHAPE = "a cron line is five fields, minute hour day-of-month month day-of-week, "
            + "read in UTC, e.g. '30 2 * * 1-5' (02:30 UTC on weekdays)";
    private final String text;
    private final Cron cron;

    private CronLine(String text, Cron cron) {
        this.text = text;
        this.cron = cron;
    }

    /** The cron line, or the problem with it in the owner's words. */
    public static Result parse(String line) {
        String text = line == null ? "" : line.strip().replaceAll("\\s+", " ");
        String[] fields = text.isEmpty() ? new String[0] : text.split(" ");
        if (fields.length != 5) {
            return new Result(null, SHAPE + "; '" + text + "' has " + fields.length);
        }
        if (text.indexOf('|') >= 0) {
            // cron-utils reads '|' as its own composite of several lines, which is not cron and cannot be described
            return new Result(null, SHAPE + "; '|' is not part of a cron line");
        }
        if (!fields[0].matches("\\d{1,2}")) {
            return new Result(null, "give the minute as one number (0-59), e.g. '30 */6 * * *': exports run at most "
                    + "once an hour, and '" + fields[0] + "' is more often");
        }
        Cron cron;
        try {
            cron = PARSER.parse(text).validate();
        } catch (IllegalArgumentException bad) {
            return new Result(null, SHAPE + "; '" + text + "' is not one (" + bad.getMessage() + ")");
        } catch (RuntimeException bad) {
            // cron-utils fails on some malformed fields with other exceptions (e.g. '|-': an index out of bounds)
            return new Result(null, SHAPE + "; '" + text + "' is not one");
        }
        CronLine c = new CronLine(text, cron);
        if (c.nextAfter(Instant.EPOCH).isEmpty()) {
            return new Result(null, "the cron line '" + text + "' never runs");
        }
        return new Result(c, null);
    }

    /** The line as given, whitespace made single spaces. */
    public String text() {
        return text;
    }

    /** The first run strictly after {@code after}. */
    public Instant next(Instant after) {
        return nextAfter(after).orElseThrow(() -> new IllegalStateException("the cron line " + text + " never runs"));
    }

    private Optional<Instant> nextAfter(Instant after) {
        return ExecutionTime.forCron(cron).nextExecution(after.atZone(ZoneOffset.UTC)).map(ZonedDateTime::toInstant);
    }

    /** The line in English words, e.g. "at 02:30 every day between Monday and Friday". */
    public String describe() {
        try {
            return CronDescriptor.instance(Locale.ENGLISH).describe(cron);
        } catch (RuntimeException notDescribable) {
            return "at the times of the cron line " + text + " (UTC)"; // cron-utils cannot word every line it accepts
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CronLine c && c.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }

    /** The cron line, or (line null) the problem. */
    public record Result(CronLine line, String problem) {
    }
}
