package dev.cairn.export.restore;

import dev.cairn.workspace.model.Attachment;
import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.snapshot.Snapshot;
import dev.cairn.workspace.snapshot.SnapshotRow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A format's rows with their attachment cells, which every format holds as the file's bundle path ({@link CopyCells}
 * reads them as text), turned into the files they name: as the copy recorded them ({@link CopyAttachments}) for a
 * diff, or as the restore stored them in this server for an apply ({@code resolved}, by path). A path the copy does
 * not describe is refused. Not thread-safe.
 */
final class AttachedRows implements CopyRows {
    private final CopyRows inner;
    private final CopyAttachments copy;
    private final Map<String, Attachment> resolved;

    AttachedRows(CopyRows inner, CopyAttachments copy, Map<String, Attachment> resolved) {
        this.inner = inner;
        this.copy = copy;
        this.resolved = resolved;
    }

    @Override
    public String format() {
        return inner.format();
    }

    @Override
    public long rows(TableDef table, Snapshot.Sink<SnapshotRow> sink) throws Exception {
        List<Column> columns = table.columns();
        if (columns.stream().noneMatch(c -> c.type() == ColumnType.ATTACHMENT)) {
            return inner.rows(table, sink);
        }
        return inner.rows(table, row -> {
            List<Value> values = new ArrayList<>(row.values());
            for (int i = 0; i < values.size(); i++) {
                if (columns.get(i).type() == ColumnType.ATTACHMENT && values.get(i) instanceof Value.Text path) {
                    String where = format() + " copy of table " + table.name() + ", record " + row.id() + ", "
                            + columns.get(i).name();
                    Attachment named = copy.named(path.text(), where);
                    values.set(i, resolved.getOrDefault(path.text(), named));
                }
            }
            sink.accept(new SnapshotRow(row.id(), row.version(), row.createdAt(), row.updatedAt(),
                    Collections.unmodifiableList(values)));
        });
    }

    @Override
    public void close() throws Exception {
        inner.close();
    }
}
