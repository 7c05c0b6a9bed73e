package dev.cairn.export.restore;

import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.snapshot.Snapshot;
import dev.cairn.workspace.snapshot.SnapshotRow;

/**
 * Reads a copy's rows back from one format's files in an unpacked bundle, a table at a time, streaming (never a whole
 * table in memory). Rows come in the file's order, which is id order as every format writes it; values are in the order
 * of the table's live columns, decoded by the column's type ({@link CopyCells}; a reader meets a type it cannot decode
 * with a {@link CopyException}, so a new column type is added there and in the format's own value syntax). Each reader
 * refuses what its format's writer cannot have written, naming the file and the row.
 */
public interface CopyRows extends AutoCloseable {
    /** The format's name ({@code jsonl}, {@code sqlite}...). */
    String format();

    /** Streams the rows of {@code table} (the copy's definition); returns how many. */
    long rows(TableDef table, Snapshot.Sink<SnapshotRow> sink) throws Exception;

    /** Releases what the reader holds open (the SQLite file); nothing for most. */
    @Override
    default void close() throws Exception {
    }
}
