package dev.cairn.export.restore;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.StoredJson;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.restore.LiveRows;
import dev.cairn.workspace.restore.RowWriter;
import dev.cairn.workspace.schema.IdSchema;
import dev.cairn.workspace.schema.Schema;
import dev.cairn.workspace.snapshot.SnapshotRow;
import dev.cairn.workspace.write.WriteTx;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;

/**
 * Applies a checked copy inside a restore's write (one transaction): the tables and columns with their ids, then each
 * table's rows (merge join of the copy and the table: insert, update, and with replace delete), with the table's
 * indexes dropped and built again after its rows, then the rules the rows must keep (unique values, references to
 * existing rows), the saved reports by id, and a {@code copy-restore} change per table naming the copy. Any refusal
 * throws, which rolls the whole transaction back. Not thread-safe; one per apply.
 */
final class CopyApply {
    private final Schema schema;
    private final IdSchema ids;
    private final WriteTx tx;
    private final RestoreService.Prepared copy;
    private final RestoreOptions options;
    private final Map<String, dev.cairn.workspace.model.Attachment> files;

    /** @param files the copy's attached files as this server stored them, by bundle path */
    CopyApply(Schema schema, WriteTx tx, RestoreService.Prepared copy, RestoreOptions options,
            Map<String, dev.cairn.workspace.model.Attachment> files) {
        this.files = files;
        this.schema = schema;
        this.ids = new IdSchema(schema);
        this.tx = tx;
        this.copy = copy;
        this.options = options;
    }

    /** Applies the copy; returns each copy table's row counts (in the copy's table order). */
    List<DiffCounter> run() {
        Handle h = tx.handle();
        List<String> held = IdSchema.heldElsewhere(h, tx.workspaceId(), copy.tables());
        if (!held.isEmpty()) {
            throw new CopyException("this server already uses " + held + " for another workspace, and a restore "
                    + "keeps the copy's ids; restore it into the workspace it was exported from, or into a server "
                    + "of its own");
        }
        List<TableDef> tables = ids.apply(tx, copy.tables(), options.replace());
        List<DiffCounter> counters = new java.util.ArrayList<>();
        try (CopyRows reader = copy.open(files)) {
            for (int i = 0; i < tables.size(); i++) {
                DiffCounter counter = new DiffCounter(copy.tables().get(i), options.replace());
                rows(reader, copy.tables().get(i), tables.get(i), counter);
                counters.add(counter);
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new CopyException("the copy cannot be read: " + e.getMessage(), e);
        }
        for (TableDef t : tables) {
            indexes(t);
        }
        for (TableDef t : tables) {
            references(h, t);
        }
        reports(h);
        for (TableDef t : tables) {
            tx.log(t.id(), null, "copy-restore", null, null, marker());
        }
        return counters;
    }

    private void rows(CopyRows reader, TableDef copyTable, TableDef table, DiffCounter counter) throws Exception {
        Handle h = tx.handle();
        ids.dropIndexes(h, table);
        List<Column> columns = table.columns();
        boolean deletes = options.replace();
        try (RowWriter w = new RowWriter(tx, table, columns);
                Stream<SnapshotRow> live = LiveRows.open(h, table, columns)) {
            RowMerge.run(reader, copyTable, live, new RowMerge.Visitor() {
                @Override
                public void added(SnapshotRow c) throws Exception {
                    counter.added(c);
                    w.insert(c.id(), c.version(), c.values());
                }

                @Override
                public void changed(SnapshotRow l, SnapshotRow c) throws Exception {
                    counter.changed(l, c);
                    w.update(c.id(), l.version(), l.values(), c.values());
                }

                @Override
                public void deleted(SnapshotRow l) throws Exception {
                    counter.deleted(l);
                    if (deletes) {
                        w.delete(l.id(), l.version(), l.values());
                    }
                }

                @Override
                public void same(SnapshotRow row) {
                    counter.same(row);
                }
            });
        }
        ids.moveSequence(h, table.sql());
    }

    /** Builds the table's indexes again; a unique column holding a value twice refuses the restore. */
    private void indexes(TableDef t) {
        Handle h = tx.handle();
        for (Column c : t.columns()) {
            if (c.unique()) {
                String twice = h.createQuery("SELECT " + c.sql() + " FROM " + t.sql() + " WHERE " + c.sql()
                        + " IS NOT NULL GROUP BY " + c.sql() + " HAVING COUNT(*) > 1").setMaxRows(1)
                        .mapTo(String.class).findFirst().orElse(null);
                if (twice != null) {
                    throw new CopyException("the restore would break the unique rule of column " + t.name() + "."
                            + c.name() + ": the value '" + CopyCells.abbreviate(twice) + "' would be in more than one "
                            + "record. Nothing was restored");
                }
            }
        }
        try {
            ids.createIndexes(h, t);
        } catch (JdbiException e) {
            throw new CopyException("the restore would break a rule of table " + t.name() + " (" + e.getMessage()
                    + "). Nothing was restored", e);
        }
    }

    /** Refuses a reference to a record the referenced table does not have. */
    private static void references(Handle h, TableDef t) {
        for (Column c : t.columns()) {
            if (c.type() != ColumnType.REFERENCE || c.references() == null) {
                continue;
            }
            Long dangling = h.createQuery("SELECT x." + c.sql() + " FROM " + t.sql() + " x WHERE x." + c.sql()
                    + " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM r_" + c.references() + " y WHERE y.id = x."
                    + c.sql() + ")").setMaxRows(1).mapTo(Long.class).findFirst().orElse(null);
            if (dangling != null) {
                throw new CopyException("the restore would break the reference rule of column " + t.name() + "."
                        + c.name() + ": it would point at record " + dangling + ", which its table would not have. "
                        + "Nothing was restored");
            }
        }
    }

    /** The copy's saved reports by id; with replace, reports the copy does not have are deleted. */
    private void reports(Handle h) {
        try {
            Map<Long, ReportsDiff.Here> here = ReportsDiff.reportsHere(h, tx.workspaceId());
            List<CopyItems.Report> reports = CopyItems.reports(copy.dir());
            if (options.replace()) {
                for (Long id : here.keySet()) {
                    if (reports.stream().noneMatch(r -> r.id() == id)) {
                        h.execute("DELETE FROM ws_reports WHERE id = ?", id);
                    }
                }
            }
            for (CopyItems.Report r : reports) {
                h.execute("UPDATE ws_reports SET name = ? WHERE workspace_id = ? AND name = ? AND id <> ?",
                        "~" + r.id() + "~" + r.name(), tx.workspaceId(), r.name(), r.id());
                if (here.containsKey(r.id())) {
                    h.execute("UPDATE ws_reports SET name = ?, table_id = ?, definition = ?, updated_at = ? "
                            + "WHERE id = ?", r.name(), r.tableId(), r.definitionJson(), tx.now(), r.id());
                } else {
                    h.execute("INSERT INTO ws_reports (id, workspace_id, name, table_id, definition, created_at, "
                            + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", r.id(), tx.workspaceId(), r.name(),
                            r.tableId(), r.definitionJson(), tx.now(), tx.now());
                }
            }
            ids.moveSequence(h, "ws_reports");
        } catch (java.io.IOException e) {
            throw new CopyException("the copy's reports cannot be read: " + e.getMessage(), e);
        }
    }

    /** The {@code copy-restore} change's new values: which copy, from when, how. */
    private String marker() {
        ObjectNode o = StoredJson.MAPPER.createObjectNode();
        o.put("manifestSha256", copy.digest());
        o.put("workspace", copy.manifest().workspace().id());
        o.put("cut", copy.manifest().cut());
        o.put("exportedAt", copy.manifest().exportedAt());
        o.put("format", copy.format());
        o.put("mode", options.mode());
        return StoredJson.write(o);
    }
}
