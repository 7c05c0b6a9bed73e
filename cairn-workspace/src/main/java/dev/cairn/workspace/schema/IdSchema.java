package dev.cairn.workspace.schema;

import dev.cairn.server.db.Dialect;
import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.write.WriteTx;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Table and column definitions written with the ids they are given (a restore from a copy, ADR 31), inside a write
 * that runs alone: a copy's table {@code 7} becomes {@code r_7} again, its column {@code 12} {@code c_12}, so record
 * ids, references and report definitions (which name columns by id) keep pointing at the same things. The caller
 * checks first that no other workspace holds those ids ({@link #heldElsewhere}). Every change bumps the schema
 * version. Stateless apart from the dialect.
 */
public final class IdSchema {
    private final Schema schema;

    public IdSchema(Schema schema) {
        this.schema = schema;
    }

    /** Of {@code tables}' table and column ids, those that this server uses for another workspace or table. */
    public static List<String> heldElsewhere(Handle h, long workspaceId, Collection<TableDef> tables) {
        List<String> out = new ArrayList<>();
        for (TableDef t : tables) {
            h.createQuery("SELECT workspace_id FROM ws_tables WHERE id = :t").bind("t", t.id()).mapTo(Long.class)
                    .findOne().filter(w -> w != workspaceId)
                    .ifPresent(w -> out.add("table id " + t.id() + " ('" + t.name() + "')"));
            for (Column c : t.allColumns()) {
                h.createQuery("SELECT table_id FROM ws_columns WHERE id = :c").bind("c", c.id()).mapTo(Long.class)
                        .findOne().filter(owner -> owner != t.id())
                        .ifPresent(owner -> out.add("column id " + c.id() + " ('" + t.name() + "." + c.name() + "')"));
            }
        }
        return out;
    }

    /**
     * Makes the workspace's tables those of {@code copy} by id: creates the missing ones, renames, relabels and
     * re-columns the others (columns added with their ids, changed in place, a column whose type changed gets a new
     * empty physical column), and, when {@code removeOthers}, removes live columns and deletes live tables the copy
     * does not have (their data stays until purged, as after any removal). Returns the tables as now defined.
     */
    public List<TableDef> apply(WriteTx tx, List<TableDef> copy, boolean removeOthers) {
        Handle h = tx.handle();
        Schema.changed(tx);
        Map<Long, TableDef> live = new HashMap<>();
        schema.tables(h, tx.workspaceId()).forEach(t -> live.put(t.id(), t));
        if (removeOthers) {
            for (TableDef t : live.values()) {
                if (copy.stream().noneMatch(c -> c.id() == t.id())) {
                    h.createUpdate("UPDATE ws_tables SET deleted_at = :now WHERE id = :t").bind("now", tx.now())
                            .bind("t", t.id()).execute();
                }
            }
        }
        // names move out of the way first, so two tables (or columns) may swap names
        for (TableDef t : copy) {
            h.createUpdate("UPDATE ws_tables SET name = :n WHERE id = :t AND workspace_id = :w")
                    .bind("n", "~" + t.id()).bind("t", t.id()).bind("w", tx.workspaceId()).execute();
            h.createUpdate("UPDATE ws_columns SET name = '~' || CAST(id AS VARCHAR(20)) WHERE table_id = :t")
                    .bind("t", t.id()).execute();
        }
        for (TableDef t : copy) {
            table(tx, t, removeOthers);
        }
        moveSequences(h);
        schema.buildViews(tx);
        List<TableDef> out = new ArrayList<>();
        copy.forEach(t -> out.add(schema.byId(h, t.id())));
        return out;
    }

    private void table(WriteTx tx, TableDef t, boolean removeOthers) {
        Handle h = tx.handle();
        boolean exists = h.createQuery("SELECT COUNT(*) FROM ws_tables WHERE id = :t").bind("t", t.id())
                .mapTo(Long.class).one() > 0;
        if (exists) {
            h.createUpdate("UPDATE ws_tables SET name = :n, label = :l, deleted_at = NULL WHERE id = :t")
                    .bind("n", t.name()).bind("l", t.label()).bind("t", t.id()).execute();
        } else {
            h.createUpdate("INSERT INTO ws_tables (id, workspace_id, name, label, created_at) VALUES "
                    + "(:t, :w, :n, :l, :now)").bind("t", t.id()).bind("w", tx.workspaceId()).bind("n", t.name())
                    .bind("l", t.label()).bind("now", tx.now()).execute();
            PhysicalTables.create(h, schema.dialect(), t.id());
        }
        TableDef before = schema.byId(h, t.id());
        int position = 0;
        for (Column c : t.columns()) {
            column(h, t, before, c, ++position);
        }
        for (Column c : before.allColumns()) {
            boolean inCopy = t.columns().stream().anyMatch(x -> x.id() == c.id());
            if (!inCopy && !c.removed()) {
                if (removeOthers) {
                    h.createUpdate("UPDATE ws_columns SET name = :n, removed_at = :now, position = :p WHERE id = :c")
                            .bind("n", c.name()).bind("now", tx.now()).bind("p", ++position).bind("c", c.id())
                            .execute();
                    PhysicalTables.dropIndex(h, t.sql(), c);
                } else {
                    h.createUpdate("UPDATE ws_columns SET name = :n, position = :p WHERE id = :c")
                            .bind("n", c.name()).bind("p", ++position).bind("c", c.id()).execute();
                }
            } else if (!inCopy) {
                h.createUpdate("UPDATE ws_columns SET name = :n WHERE id = :c").bind("n", c.name())
                        .bind("c", c.id()).execute();
            }
        }
    }

    private void column(Handle h, TableDef t, TableDef before, Column c, int position) {
        Column old = before.columnById(c.id()).orElse(null);
        if (old == null) {
            h.createUpdate("INSERT INTO ws_columns (id, table_id, position, name, label, type, required, is_unique, "
                    + "indexed, options) VALUES (:id, :t, :p, :n, :l, :type, 0, 0, 0, '{}')").bind("id", c.id())
                    .bind("t", t.id()).bind("p", position).bind("n", c.name()).bind("l", c.label())
                    .bind("type", c.type().wireName()).execute();
            PhysicalTables.addColumn(h, schema.dialect(), t.id(), plain(c), 0);
        } else if (old.type() != c.type()) {
            PhysicalTables.dropColumn(h, t.sql(), old);
            h.createUpdate("UPDATE ws_columns SET type = :type WHERE id = :c").bind("type", c.type().wireName())
                    .bind("c", c.id()).execute();
            PhysicalTables.addColumn(h, schema.dialect(), t.id(), plain(c), 0);
        } else {
            PhysicalTables.dropIndex(h, t.sql(), old);
        }
        h.createUpdate("UPDATE ws_columns SET name = :n, label = :l, position = :p, removed_at = NULL WHERE id = :c")
                .bind("n", c.name()).bind("l", c.label()).bind("p", position).bind("c", c.id()).execute();
        ColumnRows.update(h, c);
    }

    /** The column without its index rules: indexes are built once the rows are in ({@link #createIndexes}). */
    private static Column plain(Column c) {
        return new Column(c.id(), c.name(), c.label(), c.type(), false, false, false, c.choices(), c.scale(),
                c.currency(), c.references(), null, c.maxLength(), false);
    }

    /** Drops the indexes of the table's live columns (before its rows change in bulk). */
    public void dropIndexes(Handle h, TableDef t) {
        schema.dropIndexes(h, t);
    }

    /** Builds the indexes of the table's live columns; a unique one refuses duplicate values (an exception). */
    public void createIndexes(Handle h, TableDef t) {
        t.columns().forEach(c -> PhysicalTables.dropIndex(h, t.sql(), c));
        schema.createIndexes(h, t);
    }

    /** On PostgreSQL, moves the id sequences of the definition tables past the ids written explicitly. */
    private void moveSequences(Handle h) {
        if (schema.dialect() == Dialect.POSTGRES) {
            for (String table : List.of("ws_tables", "ws_columns")) {
                moveSequence(h, table);
            }
        }
    }

    /** On PostgreSQL, moves {@code table}'s id sequence past its largest id (SQLite's AUTOINCREMENT follows itself). */
    public void moveSequence(Handle h, String table) {
        if (schema.dialect() != Dialect.POSTGRES) {
            return;
        }
        h.createQuery("SELECT setval(pg_get_serial_sequence(:t, 'id'), GREATEST((SELECT COALESCE(MAX(id), 0) FROM "
                + table + "), (SELECT last_value FROM " + "pg_sequences WHERE schemaname || '.' || sequencename = "
                + "pg_get_serial_sequence(:t, 'id')), 1))").bind("t", table).mapTo(Long.class).one();
    }
}
