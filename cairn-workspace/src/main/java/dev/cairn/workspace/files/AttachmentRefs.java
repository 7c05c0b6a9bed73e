package dev.cairn.workspace.files;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.workspace.model.Attachment;
import dev.cairn.workspace.model.StoredJson;
import java.util.HashSet;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/** The uploads a workspace's change log names. Stateless. */
final class AttachmentRefs {
    private AttachmentRefs() {
    }

    /**
     * The upload ids named by the old or new values of the workspace's changes after sequence {@code afterSeq}: a
     * value in wire form {@code {"id", ..., "sha256"}} (only attachment values have a {@code sha256} member).
     */
    static Set<String> named(Handle h, long workspaceId, long afterSeq) {
        Set<String> ids = new HashSet<>();
        try (var rows = h.createQuery("SELECT old_values, new_values FROM ws_changes WHERE workspace_id = :w AND "
                + "seq > :s AND (old_values LIKE '%\"sha256\"%' OR new_values LIKE '%\"sha256\"%')")
                .bind("w", workspaceId).bind("s", afterSeq).setFetchSize(1_000)
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)}).iterator()) {
            rows.forEachRemaining(pair -> {
                add(pair[0], ids);
                add(pair[1], ids);
            });
        }
        return ids;
    }

    private static void add(String json, Set<String> ids) {
        if (json == null) {
            return;
        }
        for (JsonNode value : StoredJson.read(json)) {
            JsonNode id = value.get("id");
            if (value.isObject() && value.has("sha256") && id != null && id.isTextual()
                    && Attachment.ID.matcher(id.textValue()).matches()) {
                ids.add(id.textValue());
            }
        }
    }
}
