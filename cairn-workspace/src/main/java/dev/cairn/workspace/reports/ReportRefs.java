package dev.cairn.workspace.reports;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.workspace.model.StoredJson;
import dev.cairn.workspace.schema.SchemaUsers;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Which saved reports (and share links) use a table or a column: their definitions name columns by id. What the schema
 * asks before a change would break them. Stateless.
 */
public final class ReportRefs implements SchemaUsers {
    @Override
    public List<String> onTable(Handle h, long tableId) {
        return h.createQuery("SELECT name FROM ws_reports WHERE table_id = :t ORDER BY name").bind("t", tableId)
                .mapTo(String.class).list();
    }

    /**
     * Names of the reports of the workspace whose definition uses column {@code columnId} of {@code tableId} (directly
     * or through a reference from another table), and of the share links (not revoked) restricted by that column.
     */
    @Override
    public List<String> using(Handle h, long tableId, long columnId) {
        List<String> out = new ArrayList<>();
        h.createQuery("SELECT name, definition FROM ws_reports WHERE workspace_id = (SELECT workspace_id FROM ws_tables "
                + "WHERE id = :t) ORDER BY name").bind("t", tableId)
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)}).forEach(r -> {
                    if (mentions(StoredJson.read(r[1]), columnId)) {
                        out.add(r[0]);
                    }
                });
        h.createQuery("SELECT id, report_name FROM ws_shares WHERE fixed_column_id = :c AND revoked_at IS NULL "
                + "ORDER BY id").bind("c", columnId).map((rs, ctx) -> "share link " + rs.getLong(1) + " of '"
                + rs.getString(2) + "' (revoke it)").forEach(out::add);
        return out;
    }

    /** Names of the workspace's reports with a filter on column {@code columnId} that compares with {@code value}. */
    @Override
    public List<String> filteringOn(Handle h, long tableId, long columnId, String value) {
        List<String> out = new ArrayList<>();
        h.createQuery("SELECT name, definition FROM ws_reports WHERE workspace_id = "
                + "(SELECT workspace_id FROM ws_tables WHERE id = :t) ORDER BY name").bind("t", tableId)
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)}).forEach(r -> {
                    for (JsonNode f : StoredJson.read(r[1]).path("filters")) {
                        boolean compares = false;
                        for (JsonNode v : f.path("values")) {
                            compares |= v.asText().equals(value);
                        }
                        if (f.path("column").asLong() == columnId && compares && !out.contains(r[0])) {
                            out.add(r[0]);
                        }
                    }
                });
        return out;
    }

    /** Whether any {@code column}, {@code columns} or {@code groupBy} member anywhere in the tree names the column. */
    static boolean mentions(JsonNode node, long columnId) {
        if (node.isObject()) {
            for (var it = node.properties().iterator(); it.hasNext(); ) {
                var e = it.next();
                boolean key = e.getKey().equals("column") || e.getKey().equals("columns")
                        || e.getKey().equals("groupBy") || e.getKey().equals("via");
                if (key && names(e.getValue(), columnId) || mentions(e.getValue(), columnId)) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode n : node) {
                if (mentions(n, columnId)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean names(JsonNode value, long columnId) {
        if (value.isIntegralNumber()) {
            return value.longValue() == columnId;
        }
        if (value.isArray()) {
            for (JsonNode n : value) {
                if (n.isIntegralNumber() && n.longValue() == columnId) {
                    return true;
                }
            }
        }
        return false;
    }
}
