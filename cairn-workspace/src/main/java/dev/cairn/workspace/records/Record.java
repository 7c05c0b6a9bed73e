package dev.cairn.workspace.records;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.cairn.workspace.model.Value;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A record as the service returns it: its id, its version (1, then +1 per change) and the values of the table's live
 * columns by name, in column order (null where empty). Serialised as the API's record object: {@code id},
 * {@code version}, then each column's wire value.
 */
public record Record(long id, long version, Map<String, Value> values) {
    public Record {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The value of column {@code name}, or null when empty. */
    public Value value(String name) {
        return values.get(name);
    }

    /** The API's form of the record: {@code id}, {@code version}, then each column's wire value. */
    @JsonValue
    public Map<String, Object> wireForm() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("version", version);
        values.forEach((name, value) -> out.put(name, value == null ? null : value.wire()));
        return out;
    }
}
