package dev.cairn.workspace.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The value of an {@code attachment} column: one uploaded file of the workspace (ADR 29), named by its upload
 * {@code id}. The bytes live in the workspace owner's attachment store under that id; the record holds this
 * description of them. A request names a file by its id alone ({@link #pending}); the record service replaces that by
 * the upload as the server recorded it, so name, type, size and digest always come from the server.
 *
 * @param id          the upload id ({@code [0-9a-f]{32}}: 128 random bits in hex)
 * @param name        the file name as uploaded (made safe: no path, no control characters), null while pending
 * @param contentType the media type, null while pending
 * @param bytes       the size, -1 while pending
 * @param sha256      hex SHA-256 of the bytes, null while pending
 */
public record Attachment(String id, String name, String contentType, long bytes, String sha256) implements Value {
    /** The shape of upload ids. */
    public static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

    /** A file named by its upload id only, as a request gives it; the service resolves it. */
    public static Attachment pending(String id, String path) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new InvalidValue(path, "expected the id of an uploaded file (32 hex digits, from POST "
                    + "/api/v1/workspace/attachments), got " + (id == null ? "nothing" : ValueRules.aString(id)));
        }
        return new Attachment(id, null, null, -1, null);
    }

    /** Whether only the id is known (not yet resolved against the uploads). */
    public boolean isPending() {
        return sha256 == null;
    }

    /** The wire form: {@code {"id", "name", "contentType", "bytes", "sha256"}}. */
    public Map<String, Object> wireMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("name", name);
        out.put("contentType", contentType);
        out.put("bytes", bytes);
        out.put("sha256", sha256);
        return out;
    }

    /** The text the physical column holds: the wire form as compact JSON. */
    public String stored() {
        return StoredJson.write(wireMap());
    }

    /** The value of the physical column's text, null for none. */
    public static Attachment fromStored(String text) {
        return text == null ? null : fromWire(StoredJson.read(text));
    }

    /**
     * Reads a wire form this server wrote (history, the column): the full object, or pending when only the id is
     * there. An id alone as a JSON string is pending too.
     */
    public static Attachment fromWire(JsonNode node) {
        if (node.isTextual()) {
            return pending(node.textValue(), "id");
        }
        JsonNode sha = node.get("sha256");
        if (sha == null || sha.isNull()) {
            return pending(node.path("id").asText(null), "id");
        }
        return new Attachment(node.path("id").asText(), node.path("name").asText(),
                node.path("contentType").asText(), node.path("bytes").asLong(), sha.asText());
    }
}
