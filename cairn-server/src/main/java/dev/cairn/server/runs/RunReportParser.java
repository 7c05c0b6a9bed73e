package dev.cairn.server.runs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.protocol.Problem.FieldError;
import dev.cairn.server.error.ValidationException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a run report from its JSON document, collecting every invalid value with its field name so one 422 answer says
 * all that is wrong. Members it does not know are ignored (a newer agent may send more). Stateless.
 */
public final class RunReportParser {
    public static final int MAX_TEXT = 200;
    public static final int MAX_ERRORS = 100;
    public static final int MAX_ERROR_TEXT = 1000;
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{1,128}");

    private final JsonNode doc;
    private final List<FieldError> errors = new ArrayList<>();

    private RunReportParser(JsonNode doc) {
        this.doc = doc;
    }

    /**
     * The report in {@code doc}.
     *
     * @throws ValidationException listing every invalid or missing value
     */
    public static RunReport parse(JsonNode doc) {
        if (!doc.isObject()) {
            throw new ValidationException("send the run report as a JSON object",
                    List.of(new FieldError("", "expected a JSON object")));
        }
        return new RunReportParser(doc).report();
    }

    private RunReport report() {
        String runId = text("runId", true);
        if (runId != null && !UUID.matcher(runId).matches()) {
            fail("runId", "must be a UUID such as 3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f");
        }
        String kind = oneOf("kind", RunKind.ALL);
        String status = oneOf("status", RunKind.STATUSES);
        String snapshotId = text("snapshotId", false);
        if (snapshotId != null && !HEX.matcher(snapshotId).matches()) {
            fail("snapshotId", "must be hexadecimal digits (at most 128) or null");
        }
        Instant started = instant("startedAt");
        Instant ended = instant("endedAt");
        if (started != null && ended != null && ended.isBefore(started)) {
            fail("endedAt", "is before startedAt");
        }
        RunReport.Counts counts = new RunReport.Counts(count("filesNew"), count("filesChanged"),
                count("filesUnchanged"), count("bytesNew"), count("bytesChanged"), count("bytesUnchanged"),
                count("bytesStored"));
        RunReport report = new RunReport(runId == null ? null : runId.toLowerCase(java.util.Locale.ROOT), kind,
                text("set", false), text("repository", false), text("host", true), text("agentVersion", false),
                started, ended, status, snapshotId == null ? null : snapshotId.toLowerCase(java.util.Locale.ROOT),
                counts, errorList(), bool("damageFound"));
        ValidationException.throwIfAny(errors, "the run report was not recorded");
        return report;
    }

    private void fail(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    private JsonNode member(String field) {
        JsonNode node = doc.get(field);
        return node == null || node.isNull() ? null : node;
    }

    private String text(String field, boolean required) {
        JsonNode node = member(field);
        if (node == null) {
            if (required) {
                fail(field, "is required");
            }
            return null;
        }
        if (!node.isTextual()) {
            fail(field, "must be a string");
            return null;
        }
        String value = node.asText().strip();
        if (value.isEmpty()) {
            if (required) {
                fail(field, "must not be empty");
            }
            return null;
        }
        if (value.codePointCount(0, value.length()) > MAX_TEXT || value.chars().anyMatch(Character::isISOControl)) {
            fail(field, "must be at most " + MAX_TEXT + " characters on one line");
            return null;
        }
        return value;
    }

    private String oneOf(String field, List<String> allowed) {
        String value = text(field, true);
        if (value != null && !allowed.contains(value)) {
            fail(field, "must be one of " + String.join(", ", allowed));
            return null;
        }
        return value;
    }

    private Instant instant(String field) {
        String value = text(field, true);
        if (value == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            fail(field, "must be an ISO-8601 time with an offset, such as 2026-12-06T10:15:30Z");
            return null;
        }
    }

    private long count(String field) {
        JsonNode node = member(field);
        if (node == null) {
            return 0;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 0) {
            fail(field, "must be a whole number, 0 or more");
            return 0;
        }
        return node.asLong();
    }

    private boolean bool(String field) {
        JsonNode node = member(field);
        if (node != null && !node.isBoolean()) {
            fail(field, "must be true or false");
            return false;
        }
        return node != null && node.asBoolean();
    }

    private List<String> errorList() {
        JsonNode node = member("errors");
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            fail("errors", "must be a list of strings");
            return List.of();
        }
        if (node.size() > MAX_ERRORS) {
            fail("errors", "has " + node.size() + " entries; send at most " + MAX_ERRORS
                    + " (the first ones, and say how many more in the last)");
            return List.of();
        }
        List<String> list = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isTextual() || item.asText().codePointCount(0, item.asText().length()) > MAX_ERROR_TEXT) {
                fail("errors[" + i + "]", "must be a string of at most " + MAX_ERROR_TEXT + " characters");
            } else {
                list.add(item.asText());
            }
        }
        return List.copyOf(list);
    }
}
