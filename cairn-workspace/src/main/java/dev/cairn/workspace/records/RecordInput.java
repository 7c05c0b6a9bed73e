package dev.cairn.workspace.records;

import dev.cairn.workspace.model.FieldError;
import dev.cairn.workspace.model.Submitted;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields of a create or an update, by column name in the order given, each read against its column when the record
 * is written. A create leaves absent columns to their defaults; an update changes only the fields given ({@link
 * Submitted#CLEAR} empties one). The names {@code id} and {@code version} are the record's own: a create refuses them,
 * an update takes {@code id} only if it names the record. {@code unreadable} is set when the edge could not read the
 * request as fields at all; the service refuses it where it would read the fields.
 */
public record RecordInput(Map<String, Submitted> fields, FieldError unreadable) {
    public RecordInput {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The given fields, in their order. */
    public static RecordInput of(Map<String, ? extends Submitted> fields) {
        return new RecordInput(new LinkedHashMap<>(fields), null);
    }

    /** A request that holds no fields the service could read (say, a JSON body that is not an object). */
    public static RecordInput unreadable(String path, String message) {
        return new RecordInput(Map.of(), new FieldError(path, message));
    }
}
