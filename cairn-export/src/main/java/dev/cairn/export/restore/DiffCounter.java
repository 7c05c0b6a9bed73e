package dev.cairn.export.restore;

import dev.cairn.export.restore.RestoreDiff.FieldChange;
import dev.cairn.export.restore.RestoreDiff.RowChange;
import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.snapshot.SnapshotRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts one table's row changes and keeps the first {@link RestoreDiff.TableDiff#SAMPLES} of each kind with their
 * fields. With {@code deletes} false (a merge), rows only the workspace has are left alone and count as unchanged.
 */
final class DiffCounter implements RowMerge.Visitor {
    private final TableDef table;
    private final boolean deletes;
    long added;
    long changed;
    long deleted;
    long unchanged;
    final List<RowChange> samples = new ArrayList<>();
    private int addedSamples;
    private int changedSamples;
    private int deletedSamples;

    DiffCounter(TableDef table, boolean deletes) {
        this.table = table;
        this.deletes = deletes;
    }

    @Override
    public void added(SnapshotRow copy) {
        added++;
        if (addedSamples++ < RestoreDiff.TableDiff.SAMPLES) {
            samples.add(new RowChange(copy.id(), "added", fields(null, copy)));
        }
    }

    @Override
    public void changed(SnapshotRow live, SnapshotRow copy) {
        changed++;
        if (changedSamples++ < RestoreDiff.TableDiff.SAMPLES) {
            samples.add(new RowChange(copy.id(), "changed", fields(live, copy)));
        }
    }

    @Override
    public void deleted(SnapshotRow live) {
        if (!deletes) {
            unchanged++;
            return;
        }
        deleted++;
        if (deletedSamples++ < RestoreDiff.TableDiff.SAMPLES) {
            samples.add(new RowChange(live.id(), "deleted", Map.of()));
        }
    }

    @Override
    public void same(SnapshotRow row) {
        unchanged++;
    }

    /** The fields that differ, by column name, in wire form. */
    private Map<String, FieldChange> fields(SnapshotRow live, SnapshotRow copy) {
        Map<String, FieldChange> out = new LinkedHashMap<>();
        List<Column> columns = table.columns();
        for (int i = 0; i < columns.size(); i++) {
            Value from = live == null ? null : live.values().get(i);
            Value to = copy.values().get(i);
            if (!RowMerge.same(from, to)) {
                out.put(columns.get(i).name(), new FieldChange(from == null ? null : from.wire(),
                        to == null ? null : to.wire()));
            }
        }
        return out;
    }
}
