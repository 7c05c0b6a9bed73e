package dev.cairn.workspace.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.workspace.members.Caller;
import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.StoredJson;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.write.WriteTx;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Purges what a workspace only hid: deleted tables (physical table, columns and their history) and removed columns
 * (physical column, index, and their values in the history of the other columns' changes). Irreversible; until it runs
 * nothing hidden is lost. Runs as one write transaction. Thread-safe.
 */
public final class Purger {
    /** What was purged. */
    public record Purged(List<String> tables, List<String> columns) {
    }

    private final Jdbi jdbi;
    private final Jdbi reads;
    private final Schema schema;
    private final InstantSource clock;

    public Purger(Jdbi jdbi, Jdbi reads, Schema schema, InstantSource clock) {
        this.jdbi = jdbi;
        this.reads = reads;
        this.schema = schema;
        this.clock = clock;
    }

    public Purged purge(Caller caller) {
        return WriteTx.runAlone(jdbi, caller, clock, tx -> {
            Schema.changed(tx);
            List<String> tables = deletedTables(tx.handle(), caller.workspaceId());
            List<String> columns = removedColumns(tx.handle(), caller.workspaceId());
            schema.buildViews(tx);
            return new Purged(tables, columns);
        });
    }

    /** What {@link #purge} would drop now, changing nothing (the confirmation page lists it). */
    public Purged pending(Caller caller) {
        return reads.withHandle(h -> new Purged(h.createQuery("SELECT name FROM ws_tables WHERE workspace_id = :w AND "
                + "deleted_at IS NOT NULL ORDER BY id").bind("w", caller.workspaceId()).mapTo(String.class).list(),
                schema.tables(h, caller.workspaceId()).stream().flatMap(t -> t.allColumns().stream()
                        .filter(Column::removed).map(c -> t.name() + "." + c.name())).toList()));
    }

    private List<String> deletedTables(Handle h, long workspaceId) {
        List<Map<String, Object>> deleted = h.createQuery("SELECT id, name FROM ws_tables WHERE workspace_id = :w AND "
                + "deleted_at IS NOT NULL ORDER BY id").bind("w", workspaceId).mapToMap().list();
        for (var t : deleted) {
            long id = ((Number) t.get("id")).longValue();
            h.execute("DROP TABLE IF EXISTS r_" + id);
            h.execute("DELETE FROM ws_changes WHERE workspace_id = ? AND table_id = ?", workspaceId, id);
            h.execute("DELETE FROM ws_columns WHERE table_id = ?", id);
            h.execute("DELETE FROM ws_tables WHERE id = ?", id);
        }
        return deleted.stream().map(t -> (String) t.get("name")).toList();
    }

    private List<String> removedColumns(Handle h, long workspaceId) {
        List<String> purged = new java.util.ArrayList<>();
        for (TableDef t : schema.tables(h, workspaceId)) {
            for (Column c : t.allColumns()) {
                if (!c.removed()) {
                    continue;
                }
                PhysicalTables.dropColumn(h, t.sql(), c);
                stripHistory(h, workspaceId, t.id(), c.id());
                h.execute("DELETE FROM ws_columns WHERE id = ?", c.id());
                purged.add(t.name() + "." + c.name());
            }
        }
        return purged;
    }

    /** Removes the column's values from the table's change entries (keys are column ids). */
    private static void stripHistory(Handle h, long workspaceId, long tableId, long columnId) {
        String key = "\"" + columnId + "\":";
        h.createQuery("SELECT seq, old_values, new_values FROM ws_changes WHERE workspace_id = :w AND table_id = :t AND "
                + "op <> 'schema' AND op <> 'report' AND (old_values LIKE :k OR new_values LIKE :k)")
                .bind("w", workspaceId).bind("t", tableId).bind("k", "%" + key + "%").mapToMap().list()
                .forEach(row -> h.createUpdate("UPDATE ws_changes SET old_values = :o, new_values = :n WHERE "
                        + "workspace_id = :w AND seq = :s").bind("o", without((String) row.get("old_values"), columnId))
                        .bind("n", without((String) row.get("new_values"), columnId)).bind("w", workspaceId)
                        .bind("s", row.get("seq")).execute());
    }

    private static String without(String json, long columnId) {
        if (json == null) {
            return null;
        }
        ObjectNode node = (ObjectNode) StoredJson.read(json);
        node.remove(Long.toString(columnId));
        return node.toString();
    }
}
