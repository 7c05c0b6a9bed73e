package dev.cairn.export.restore;

import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.snapshot.SnapshotRow;
import dev.cairn.workspace.model.Attachment;
import dev.cairn.workspace.model.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Walks a copy's rows and the workspace's rows of one table side by side, both in id order (a merge join: memory does
 * not grow with the table), and says of each id whether the copy adds, changes or deletes it, or leaves it as it is.
 * Values are compared as values ({@link dev.cairn.workspace.model.Value} equality; decimals at the column's scale),
 * attached files by name and SHA-256 only ({@link #same(Value, Value)}).
 */
final class RowMerge {
    /** What is done with each id. */
    interface Visitor {
        void added(SnapshotRow copy) throws Exception;

        void changed(SnapshotRow live, SnapshotRow copy) throws Exception;

        void deleted(SnapshotRow live) throws Exception;

        void same(SnapshotRow row) throws Exception;
    }

    private RowMerge() {
    }

    /** Whether two rows' values are the same, value by value ({@link #same(Value, Value)}). */
    static boolean same(List<Value> live, List<Value> copy) {
        if (live.size() != copy.size()) {
            return false;
        }
        for (int i = 0; i < live.size(); i++) {
            if (!same(live.get(i), copy.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether two values are the same: equal values, or two attached files with the same name and SHA-256 (the upload
     * id may differ when the restore had to store a file under a new id, the content type is the server's guess).
     */
    static boolean same(Value live, Value copy) {
        if (live instanceof Attachment a && copy instanceof Attachment b) {
            return a.name().equals(b.name()) && a.sha256().equals(b.sha256());
        }
        return Objects.equals(live, copy);
    }

    /**
     * Merges the copy's rows of {@code table} with {@code live} (in id order, the copy's columns). Computed columns
     * (ADR 42) are left out of both sides (null): the database computes them from the rest, so they neither make a row
     * differ nor are written.
     */
    static void run(CopyRows copy, TableDef table, Stream<SnapshotRow> live, Visitor v) throws Exception {
        run(copy, table, live.iterator(), v);
    }

    /** As {@link #run(CopyRows, TableDef, Stream, Visitor)}, the workspace's rows from an iterator. */
    static void run(CopyRows copy, TableDef table, Iterator<SnapshotRow> rows, Visitor v) throws Exception {
        boolean[] computed = new boolean[table.columns().size()];
        for (int i = 0; i < computed.length; i++) {
            computed[i] = table.columns().get(i).isComputed();
        }
        Iterator<SnapshotRow> it = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public SnapshotRow next() {
                return dataOnly(rows.next(), computed);
            }
        };
        SnapshotRow[] head = {it.hasNext() ? it.next() : null};
        long[] last = {Long.MIN_VALUE};
        copy.rows(table, given -> {
            SnapshotRow row = dataOnly(given, computed);
            if (row.id() <= last[0]) {
                throw new CopyException(copy.format() + " copy of table " + table.name() + ": record " + row.id()
                        + " comes after record " + last[0] + " (records are in id order, each once)");
            }
            last[0] = row.id();
            while (head[0] != null && head[0].id() < row.id()) {
                v.deleted(head[0]);
                head[0] = it.hasNext() ? it.next() : null;
            }
            if (head[0] != null && head[0].id() == row.id()) {
                if (same(head[0].values(), row.values())) {
                    v.same(row);
                } else {
                    v.changed(head[0], row);
                }
                head[0] = it.hasNext() ? it.next() : null;
            } else {
                v.added(row);
            }
        });
        while (head[0] != null) {
            v.deleted(head[0]);
            head[0] = it.hasNext() ? it.next() : null;
        }
    }

    private static SnapshotRow dataOnly(SnapshotRow row, boolean[] computed) {
        boolean any = false;
        for (boolean c : computed) {
            any |= c;
        }
        if (!any) {
            return row;
        }
        List<Value> values = new ArrayList<>(row.values());
        for (int i = 0; i < computed.length && i < values.size(); i++) {
            if (computed[i]) {
                values.set(i, null);
            }
        }
        return new SnapshotRow(row.id(), row.version(), row.createdAt(), row.updatedAt(),
                Collections.unmodifiableList(values));
    }
}
