package dev.cairn.workspace.records;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Map;

/**
 * A record deleted within the restore window and not restored since: its last values, when and by whom it was deleted.
 * Serialised as the record's API form plus {@code deletedAt} and {@code deletedBy}.
 */
public record DeletedRecord(Record record, Instant deletedAt, String deletedBy) {
    @JsonValue
    Map<String, Object> wireForm() {
        Map<String, Object> out = record.wireForm();
        out.put("deletedAt", deletedAt);
        out.put("deletedBy", deletedBy);
        return out;
    }
}
