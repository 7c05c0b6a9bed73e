package dev.cairn.workspace.web;

import dev.cairn.workspace.WorkspaceModule;
import dev.cairn.workspace.members.Caller;
import dev.cairn.workspace.records.Record;
import dev.cairn.workspace.records.RecordQuery;
import dev.cairn.workspace.schema.ColumnSpec;
import dev.cairn.workspace.schema.TableSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The records a reference column can point to, as a page offers and names them: the first {@link #CHOICES} records of
 * the referenced table, each by {@link Labels#record}. Each table is read once per page. Not thread-safe; one per
 * rendering.
 */
final class ReferenceLabels {
    /** Most records a reference select offers (and labels are looked up among). */
    static final int CHOICES = 500;
    private final WorkspaceModule ws;
    private final Caller caller;
    private final Map<String, Map<Long, String>> byTable = new HashMap<>();

    ReferenceLabels(WorkspaceModule ws, Caller caller) {
        this.ws = ws;
        this.caller = caller;
    }

    /** The first records of {@code table}, as selects offer them. */
    static List<Record> choices(WorkspaceModule ws, Caller caller, String table) {
        return ws.records().list(caller, table, RecordQuery.first(CHOICES)).records();
    }

    /**
     * The name of record {@code id} of the table {@code col} references; {@code #id} when it is not among the first.
     */
    String of(ColumnSpec col, long id) {
        Map<Long, String> labels = byTable.computeIfAbsent(col.references(), name -> {
            TableSpec target = ws.tables().get(caller, name);
            Map<Long, String> m = new HashMap<>();
            for (Record r : choices(ws, caller, name)) {
                m.put(r.id(), Labels.record(target, r));
            }
            return m;
        });
        return labels.getOrDefault(id, "#" + id);
    }
}
