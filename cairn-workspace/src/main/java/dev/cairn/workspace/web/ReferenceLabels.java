package dev.cairn.workspace.web;

import dev.cairn.workspace.WorkspaceModule;
import dev.cairn.workspace.members.Caller;
import dev.cairn.workspace.records.Record;
import dev.cairn.workspace.records.RecordQuery;
import dev.cairn.workspace.schema.ColumnSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The records a reference column can point to, as a page offers them (the first {@link #CHOICES} records of the
 * referenced table), and the names of referenced records (their display values), each read once per page. Not
 * thread-safe; one per rendering.
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
     * Reads the names of records {@code ids} of the table {@code col} references in one statement, so that
     * {@link #of} finds them (a page calls this with all of its rows' ids first).
     */
    void load(ColumnSpec col, java.util.Collection<Long> ids) {
        Map<Long, String> known = byTable.computeIfAbsent(col.references(), name -> new HashMap<>());
        List<Long> missing = ids.stream().filter(id -> !known.containsKey(id)).distinct().toList();
        if (!missing.isEmpty()) {
            known.putAll(ws.records().names(caller, col.references(), missing));
        }
    }

    /**
     * The name of record {@code id} of the table {@code col} references (its display value); {@code #id} when the
     * record does not exist (any more).
     */
    String of(ColumnSpec col, long id) {
        load(col, List.of(id));
        return byTable.get(col.references()).getOrDefault(id, dev.cairn.workspace.model.DisplayColumn.byId(id));
    }
}
