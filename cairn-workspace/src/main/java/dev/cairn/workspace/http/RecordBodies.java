package dev.cairn.workspace.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.workspace.model.InvalidValue;
import dev.cairn.workspace.model.Submitted;
import dev.cairn.workspace.model.ValidationException;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.records.RecordInput;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Record bodies of the API as typed commands: a JSON object keyed by column name, each member read for its column by
 * the service ({@link JsonField}); {@code id} and {@code version} are the record's own. The version an update is based
 * on comes from {@code If-Match} or the body's {@code version}. Stateless.
 */
public final class RecordBodies {
    private RecordBodies() {
    }

    /** The fields of a create: every member, {@code id} and {@code version} included (the service refuses them). */
    public static RecordInput create(JsonNode body) {
        return input(body, false);
    }

    /** The fields of an update: every member but {@code version} (see {@link #version}). */
    public static RecordInput update(JsonNode body) {
        return input(body, true);
    }

    private static RecordInput input(JsonNode body, boolean update) {
        if (body == null || !body.isObject()) {
            return RecordInput.unreadable("(body)", "send the record as a JSON object keyed by column name");
        }
        Map<String, Submitted> fields = new LinkedHashMap<>();
        for (var it = body.properties().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (update && e.getKey().equals("version")) {
                continue;
            }
            fields.put(e.getKey(), e.getKey().equals("id") ? id(e.getValue()) : new JsonField(e.getValue()));
        }
        return RecordInput.of(fields);
    }

    /** An {@code id} member: any JSON number that is a whole {@code long}. */
    private static Submitted id(JsonNode node) {
        return (column, path) -> {
            if (!node.canConvertToLong()) {
                throw new InvalidValue(path, "is not a record id");
            }
            return new Value.Whole(node.longValue());
        };
    }

    /**
     * The version an update is based on: {@code header} (from {@code If-Match}) or the body's {@code version}, which
     * must agree when both are given; null when neither is.
     */
    public static Long version(Long header, JsonNode body) {
        JsonNode v = body == null ? null : body.get("version");
        if (v != null && !v.isNull() && !v.canConvertToLong()) {
            throw ValidationException.of("version", "must be the record's version number");
        }
        Long fromBody = v == null || v.isNull() ? null : v.longValue();
        if (header != null && fromBody != null && !header.equals(fromBody)) {
            throw ValidationException.of("version", "If-Match says " + header + " but the body says " + fromBody);
        }
        return header != null ? header : fromBody;
    }
}
