package dev.cairn.server.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.Map;

/**
 * Jackson's failures told in the client's words: where in the document (line and column, or the field path such as
 * {@code columns[2].type}) and what was expected as a JSON kind, never a Java type or class name. Stateless.
 */
final class JsonErrors {
    private JsonErrors() {
    }

    /** A short message for a parse or binding failure of a request body. */
    static String describe(JsonProcessingException e) {
        String original = e.getOriginalMessage();
        if (original != null && original.startsWith("Trailing token")) {
            return "unexpected text after the end of the JSON document" + at(e.getLocation()) + "; send one document only";
        }
        return switch (e) {
            case UnrecognizedPropertyException u -> "unknown field '" + path(u) + "'" + known(u);
            case InvalidFormatException f -> "'" + path(f) + "' has an invalid value " + shown(f.getValue())
                    + "; expected " + kindOf(f.getTargetType());
            case ValueInstantiationException v -> "'" + path(v) + "' is invalid: " + cause(v);
            case MismatchedInputException m when m.getTargetType() != null -> "'" + path(m) + "' must be "
                    + kindOf(m.getTargetType());
            case JsonMappingException d when d.getCause() instanceof IllegalArgumentException a
                    && a.getMessage() != null -> "'" + path(d) + "' is invalid: " + a.getMessage();
            case JsonMappingException d -> "'" + path(d) + "' is not what this request takes";
            case JsonParseException p -> "malformed JSON" + at(p.getLocation()) + ": " + syntax(p);
            default -> "malformed JSON" + at(e.getLocation());
        };
    }

    /** A conversion failure Jackson reports as an unchecked exception (a creator that refused its argument). */
    static String describe(IllegalArgumentException e) {
        return e.getCause() instanceof JsonProcessingException j ? describe(j) : "the body is not what this request "
                + "takes";
    }

    /** The JSON kind a client must send for {@code type}. */
    static String kindOf(Class<?> type) {
        if (type == String.class || type == Character.class || type == char.class || type.isEnum()) {
            return "text";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == java.math.BigInteger.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "a date or time as ISO 8601 text";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return Map.class.isAssignableFrom(type) || type.isRecord() || JsonNode.class.isAssignableFrom(type)
                ? "an object" : "a value of another kind";
    }

    /**
     * The path of the first string (or field name) in {@code tree} holding an unpaired UTF-16 surrogate, or null. Jackson
     * decodes {@code "\ud800"} into such a string without complaint; it would reach the database as text no other
     * program can encode.
     */
    static String unpairedSurrogate(JsonNode tree) {
        return unpaired(tree, "$");
    }

    private static String unpaired(JsonNode node, String path) {
        if (node.isTextual()) {
            return isWellFormed(node.textValue()) ? null : path;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = unpaired(node.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isObject()) {
            for (var field : node.properties()) {
                String at = path + "." + field.getKey();
                if (!isWellFormed(field.getKey())) {
                    return path + " (a field name)";
                }
                String found = unpaired(field.getValue(), at);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    static boolean isWellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.isEmpty() ? "(the body)" : out.toString();
    }

    private static String known(UnrecognizedPropertyException u) {
        if (u.getKnownPropertyIds() == null || u.getKnownPropertyIds().isEmpty()) {
            return "";
        }
        return "; known fields: " + String.join(", ", u.getKnownPropertyIds().stream().map(Object::toString)
                .sorted().toList());
    }

    private static String cause(ValueInstantiationException v) {
        Throwable cause = v.getCause();
        return cause instanceof IllegalArgumentException && cause.getMessage() != null ? cause.getMessage()
                : "not a value this request takes";
    }

    private static String shown(Object value) {
        String text = String.valueOf(value);
        return "'" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'";
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? "" : " at line " + location.getLineNr() + ", column "
                + location.getColumnNr();
    }

    /** Jackson's syntax message without its source excerpt and Java-ish details. */
    private static String syntax(JsonParseException p) {
        String message = p.getOriginalMessage();
        if (message == null) {
            return "not valid JSON";
        }
        if (message.startsWith("Duplicate field")) {
            return message.replace("Duplicate field", "the field") + " appears twice; send each field once";
        }
        int excerpt = message.indexOf("\n");
        return excerpt < 0 ? message : message.substring(0, excerpt);
    }
}
