package dev.cairn.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a JSON value against a schema of the OpenAPI document, for the subset of JSON Schema the document uses:
 * {@code $ref} (to {@code #/components/schemas/…}), {@code type} (one or a list, {@code integer} meaning a whole
 * number), {@code enum}, {@code properties} with {@code required}, {@code additionalProperties} (a schema, or
 * {@code false}), {@code items}, {@code allOf} and {@code anyOf}; on a string {@code pattern}, {@code minLength}
 * and {@code format: date-time} (RFC 3339); on a number {@code minimum}, {@code maximum} and {@code format: int64}.
 * A schema without any of these accepts anything. Returns the
 * mismatches as {@code $.path: what}; empty when the value fits. Stateless.
 */
public final class SchemaCheck {
    private final JsonNode document;

    public SchemaCheck(JsonNode document) {
        this.document = document;
    }

    public List<String> check(JsonNode value, JsonNode schema) {
        List<String> problems = new ArrayList<>();
        check(value, schema, "$", problems, 0);
        return problems;
    }

    /** The schema a {@code $ref} names; a missing node when it names none. */
    public JsonNode resolve(String ref) {
        return ref.startsWith("#/") ? document.at(ref.substring(1)) : com.fasterxml.jackson.databind.node
                .MissingNode.getInstance();
    }

    private void check(JsonNode value, JsonNode schema, String at, List<String> problems, int depth) {
        if (depth > 40) {
            problems.add(at + ": schema nesting too deep");
            return;
        }
        if (schema.has("$ref")) {
            JsonNode target = resolve(schema.get("$ref").asText());
            if (target.isMissingNode()) {
                problems.add(at + ": $ref " + schema.get("$ref").asText() + " names no schema");
                return;
            }
            check(value, target, at, problems, depth + 1);
        }
        schema.path("allOf").forEach(s -> check(value, s, at, problems, depth + 1));
        if (schema.has("anyOf") && !anyFits(value, schema.get("anyOf"), at, depth)) {
            problems.add(at + ": " + value + " fits none of " + schema.get("anyOf"));
            return;
        }
        if (schema.has("type") && !typeFits(value, schema.get("type"))) {
            problems.add(at + ": " + kind(value) + " where the schema says " + schema.get("type"));
            return;
        }
        if (schema.has("enum") && !contains(schema.get("enum"), value)) {
            problems.add(at + ": " + value + " is not one of " + schema.get("enum"));
        }
        if (value.isTextual()) {
            checkString(value.asText(), schema, at, problems);
        } else if (value.isNumber()) {
            checkNumber(value, schema, at, problems);
        }
        if (value.isObject()) {
            checkObject(value, schema, at, problems, depth);
        } else if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), schema.get("items"), at + "[" + i + "]", problems, depth + 1);
            }
        }
    }

    private void checkObject(JsonNode value, JsonNode schema, String at, List<String> problems, int depth) {
        JsonNode props = schema.path("properties");
        schema.path("required").forEach(r -> {
            if (!value.has(r.asText())) {
                problems.add(at + ": required property " + r.asText() + " is missing");
            }
        });
        value.fields().forEachRemaining(e -> {
            String where = at + "." + e.getKey();
            if (props.has(e.getKey())) {
                check(e.getValue(), props.get(e.getKey()), where, problems, depth + 1);
            } else if (schema.has("additionalProperties")) {
                JsonNode extra = schema.get("additionalProperties");
                if (extra.isBoolean() && !extra.asBoolean()) {
                    problems.add(where + ": not in the schema");
                } else if (extra.isObject()) {
                    check(e.getValue(), extra, where, problems, depth + 1);
                }
            } else if (props.size() > 0 && !schema.has("allOf")) {
                problems.add(where + ": not in the schema");
            }
        });
    }

    private static void checkString(String text, JsonNode schema, String at, List<String> problems) {
        if (schema.has("pattern") && !java.util.regex.Pattern.compile(schema.get("pattern").asText()).matcher(text)
                .find()) {
            problems.add(at + ": \"" + text + "\" does not match " + schema.get("pattern").asText());
        }
        if (schema.has("minLength") && text.codePointCount(0, text.length()) < schema.get("minLength").asInt()) {
            problems.add(at + ": \"" + text + "\" is shorter than " + schema.get("minLength").asInt());
        }
        if (schema.path("format").asText().equals("date-time")) {
            try {
                java.time.OffsetDateTime.parse(text);
            } catch (java.time.format.DateTimeParseException e) {
                problems.add(at + ": \"" + text + "\" is not a date-time (RFC 3339)");
            }
        }
    }

    private static void checkNumber(JsonNode value, JsonNode schema, String at, List<String> problems) {
        java.math.BigDecimal n = value.decimalValue();
        if (schema.has("minimum") && n.compareTo(schema.get("minimum").decimalValue()) < 0) {
            problems.add(at + ": " + value + " is below the minimum " + schema.get("minimum"));
        }
        if (schema.has("maximum") && n.compareTo(schema.get("maximum").decimalValue()) > 0) {
            problems.add(at + ": " + value + " is above the maximum " + schema.get("maximum"));
        }
        if (schema.path("format").asText().equals("int64") && !(value.isIntegralNumber() && value.canConvertToLong())) {
            problems.add(at + ": " + value + " is not an int64");
        }
    }

    private boolean anyFits(JsonNode value, JsonNode options, String at, int depth) {
        for (JsonNode option : options) {
            List<String> problems = new ArrayList<>();
            check(value, option, at, problems, depth + 1);
            if (problems.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static boolean typeFits(JsonNode value, JsonNode type) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (typeFits(value, t)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "null" -> value.isNull();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "array" -> value.isArray();
            case "object" -> value.isObject();
            default -> false;
        };
    }

    private static boolean contains(JsonNode options, JsonNode value) {
        for (JsonNode o : options) {
            if (o.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static String kind(JsonNode value) {
        return value.isNull() ? "null" : value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
