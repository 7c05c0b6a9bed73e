package dev.cairn.export.delta;

import dev.cairn.workspace.snapshot.Snapshot;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the change log says changed after a sequence: the tables whose definition changed (created, altered, renamed
 * or dropped: a {@code schema} change) and, per table, the records any other change touched. Holds the touched ids
 * in memory (one {@code long} each), never the rows.
 */
record Touched(Set<Long> schema, Map<Long, Set<Long>> records) {
    /** Reads the changes of {@code snapshot} after {@code since} up to its cut. */
    static Touched since(Snapshot snapshot, long since) throws Exception {
        Set<Long> schema = new HashSet<>();
        Map<Long, Set<Long>> records = new HashMap<>();
        snapshot.changesAfter(since, c -> {
            if ("schema".equals(c.op())) {
                schema.add(c.tableId());
            } else if (c.recordId() != null) {
                records.computeIfAbsent(c.tableId(), t -> new HashSet<>()).add(c.recordId());
            }
        });
        return new Touched(schema, records);
    }
}
