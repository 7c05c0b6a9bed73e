package dev.cairn.workspace.snapshot;

import dev.cairn.workspace.model.Value;
import java.time.Instant;
import java.util.List;

/**
 * One record of a snapshot: id, version, creation and last change, and its values in the order of the table's live
 * columns ({@link dev.cairn.workspace.model.TableDef#columns()}), null where empty.
 */
public record SnapshotRow(long id, long version, Instant createdAt, Instant updatedAt, List<Value> values) {
}
