package dev.cairn.export.format;

import dev.cairn.workspace.files.FileNames;
import dev.cairn.workspace.model.Attachment;
import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.snapshot.Snapshot;
import dev.cairn.workspace.snapshot.SnapshotRow;
import java.util.ArrayList;
import java.util.List;

/**
 * Where an attached file is in the bundle, {@code attachments/<table>/<record id>/<column>/<file name>}
 * (docs/spec/export-format.md §2): one file per cell, so no two cells share a path. Every format's cell of an
 * attachment column is this path as text, so a copy refers to a file it carries, never to a link. Stateless.
 */
public final class AttachmentPaths {
    /** The directory of attached files in the bundle. */
    public static final String DIR = "attachments/";

    private AttachmentPaths() {
    }

    /** The bundle path of {@code file}, attached in {@code column} of record {@code record} of {@code table}. */
    public static String of(String table, long record, String column, Attachment file) {
        return DIR + table + "/" + record + "/" + column + "/" + FileNames.safe(file.name());
    }

    /** {@code sink} fed rows of {@code table} whose files are replaced by their bundle paths (as text values). */
    public static Snapshot.Sink<SnapshotRow> asPaths(TableDef table, Snapshot.Sink<SnapshotRow> sink) {
        List<Column> columns = table.columns();
        if (columns.stream().noneMatch(c -> c.type() == dev.cairn.workspace.model.ColumnType.ATTACHMENT)) {
            return sink;
        }
        return row -> {
            List<Value> values = new ArrayList<>(row.values());
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i) instanceof Attachment a) {
                    values.set(i, new Value.Text(of(table.name(), row.id(), columns.get(i).name(), a)));
                }
            }
            sink.accept(new SnapshotRow(row.id(), row.version(), row.createdAt(), row.updatedAt(), values));
        };
    }
}
