package dev.cairn.server.runs;

import dev.cairn.server.error.ServiceException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Where a page of runs continues: after the run that started at {@code startedAtMillis} with {@code id}. On the wire
 * (the list's {@code next}, the {@code before} parameter) it is {@code MILLIS.ID}; an ISO-8601 time is accepted too
 * and means "runs that started before it".
 */
public record RunCursor(long startedAtMillis, long id) {

    /** The cursor after {@code run}. */
    public static RunCursor after(Run run) {
        return new RunCursor(run.startedAt().toEpochMilli(), run.id());
    }

    /**
     * Parses the {@code before} parameter.
     *
     * @throws ServiceException {@code bad-request} naming both accepted forms
     */
    public static RunCursor parse(String text) {
        String s = text.strip();
        int dot = s.indexOf('.');
        try {
            if (dot > 0 && s.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
                return new RunCursor(Long.parseLong(s.substring(0, dot)), Long.parseLong(s.substring(dot + 1)));
            }
            return new RunCursor(java.time.OffsetDateTime.parse(s).toInstant().toEpochMilli(), 0);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw ServiceException.badRequest("before must be the 'next' of a previous page or an ISO-8601 time "
                    + "such as 2026-12-06T10:15:30Z");
        }
    }

    /** The wire form. */
    public String wire() {
        return startedAtMillis + "." + id;
    }

    /** The instant runs on the next page started at or before. */
    public Instant startedAt() {
        return Instant.ofEpochMilli(startedAtMillis);
    }
}
