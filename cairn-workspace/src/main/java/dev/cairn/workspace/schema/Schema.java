package dev.cairn.workspace.schema;

import dev.cairn.server.db.Dialect;
import dev.cairn.server.error.ServiceException;
import dev.cairn.workspace.members.Caller;
import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.write.WriteTx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The definitions of user tables and columns: their metadata in {@code ws_tables}/{@code ws_columns} and their physical
 * tables ({@code r_<id>}, columns {@code c_<id>}). Definitions read through {@link #current} (reads) or {@link
 * #table(WriteTx, String)} (writes) are cached per workspace and schema version ({@link TableDefCache}, ADR 15 decision
 * 9); changes ({@link SchemaChanges}) bump the version in their transaction ({@link #changed}). The entry point of the
 * schema for the other parts of the workspace. Thread-safe.
 */
public final class Schema {
    private final Dialect dialect;
    private final TableDefCache cache = new TableDefCache();

    public Schema(Dialect dialect) {
        this.dialect = dialect;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The workspace's live tables, by name (uncached). */
    public List<TableDef> tables(Handle h, long workspaceId) {
        List<Long> ids = h.createQuery("SELECT id FROM ws_tables WHERE workspace_id = :w AND deleted_at IS NULL "
                + "ORDER BY name").bind("w", workspaceId).mapTo(Long.class).list();
        return ids.stream().map(id -> byId(h, id)).toList();
    }

    /**
     * The live table {@code name} as committed now, from the cache while the workspace's schema version is unchanged;
     * 404 if there is none. Only for handles outside a write transaction (reads): the version is the one read with
     * the caller at the start of the request (else it is read now), before the definition, so a definition cached
     * under it is never older than it.
     */
    public TableDef current(Handle h, Caller caller, String name) {
        long version = caller.schemaVersion() != Caller.VERSION_UNKNOWN ? caller.schemaVersion()
                : schemaVersion(h, caller.workspaceId());
        return cached(h, version, caller.workspaceId(), name);
    }

    /**
     * The live table {@code name} of the write's workspace (404 if none), looked up once per batch, from the
     * process-wide cache while the schema version read under the workspace's row lock still holds: tables change only
     * in units that run alone, so within a batch of several units a definition cannot change. After this transaction
     * changed the schema ({@link #changed}), definitions are read from the database, uncached.
     */
    public TableDef table(WriteTx tx, String name) {
        if (tx.schemaChanged()) {
            return require(tx.handle(), tx.workspaceId(), name);
        }
        Map<String, TableDef> seen = tx.batchTables();
        TableDef t = seen.get(name);
        if (t == null) {
            t = cached(tx.handle(), tx.schemaVersion(), tx.workspaceId(), name);
            seen.put(name, t);
        }
        return t;
    }

    /**
     * The write's workspace's live tables, from the process-wide cache under the batch's schema version (see
     * {@link #table(WriteTx, String)}); read from the database once this transaction changed the schema.
     */
    public List<TableDef> tables(WriteTx tx) {
        if (tx.schemaChanged()) {
            return tables(tx.handle(), tx.workspaceId());
        }
        List<TableDef> all = cache.all(tx.workspaceId(), tx.schemaVersion());
        if (all == null) {
            all = tables(tx.handle(), tx.workspaceId());
            cache.putAll(tx.workspaceId(), tx.schemaVersion(), all);
        }
        return all;
    }

    /**
     * The live table {@code name} at schema version {@code version}, which the caller read (committed) before, on the
     * same handle, with no schema change of its own since; 404 if there is none.
     */
    private TableDef cached(Handle h, long version, long workspaceId, String name) {
        TableDef t = cache.get(workspaceId, version, name);
        if (t == null) {
            t = require(h, workspaceId, name);
            cache.put(workspaceId, version, t);
        }
        return t;
    }

    /** The workspace's schema version; 404 if the workspace is gone. */
    static long schemaVersion(Handle h, long workspaceId) {
        return h.createQuery("SELECT schema_version FROM workspaces WHERE id = :w").bind("w", workspaceId)
                .mapTo(Long.class).findOne().orElseThrow(() -> ServiceException.notFound("the workspace is gone"));
    }

    /**
     * Records that {@code tx} changes table definitions: bumps the schema version in its transaction and drops the
     * workspace's views, which the change builds again at its end ({@link #buildViews}).
     */
    static void changed(WriteTx tx) {
        tx.handle().execute("UPDATE workspaces SET schema_version = schema_version + 1 WHERE id = ?",
                tx.workspaceId());
        Views.drop(tx.handle(), tx.workspaceId());
        tx.markSchemaChanged();
    }

    /**
     * Builds the views of the workspace's tables with computed columns, at the end of a schema change (after
     * {@link #changed}); refuses (422, naming the formula) a change that breaks a formula.
     */
    public void buildViews(WriteTx tx) {
        Views.drop(tx.handle(), tx.workspaceId());
        Views.build(tx.handle(), dialect, tables(tx.handle(), tx.workspaceId()));
    }

    /** Drops the workspace's views, before its tables are dropped (a purge). */
    public static void dropViews(Handle h, long workspaceId) {
        Views.drop(h, workspaceId);
    }

    /** The live table {@code name}, read from the database (uncached); 404 if there is none. */
    public TableDef require(Handle h, long workspaceId, String name) {
        return h.createQuery("SELECT id FROM ws_tables WHERE workspace_id = :w AND name = :n AND deleted_at IS NULL")
                .bind("w", workspaceId).bind("n", name).mapTo(Long.class).findOne().map(id -> byId(h, id))
                .orElseThrow(() -> ServiceException.notFound("no table '" + name + "' in this workspace"));
    }

    /** The table {@code tableId} with all its columns, live or not (uncached). */
    public TableDef byId(Handle h, long tableId) {
        var head = h.createQuery("SELECT workspace_id, name, label FROM ws_tables WHERE id = :t").bind("t", tableId)
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).one();
        List<Column> columns = h.createQuery("SELECT * FROM ws_columns WHERE table_id = :t ORDER BY position")
                .bind("t", tableId).map((rs, ctx) -> ColumnRows.read(rs)).list();
        return new TableDef(tableId, Long.parseLong(head[0]), head[1], head[2], columns);
    }

    /** The id of the live table {@code name}, or null. */
    static Long liveTableId(Handle h, long workspaceId, String name) {
        return h.createQuery("SELECT id FROM ws_tables WHERE workspace_id = :w AND name = :n AND deleted_at IS NULL")
                .bind("w", workspaceId).bind("n", name).mapTo(Long.class).findOne().orElse(null);
    }

    /** The reference columns among {@code tables} that point at {@code tableId}. */
    public static List<Map.Entry<TableDef, Column>> referencesTo(List<TableDef> tables, long tableId) {
        List<Map.Entry<TableDef, Column>> out = new ArrayList<>();
        for (TableDef t : tables) {
            for (Column c : t.columns()) {
                if (c.type() == ColumnType.REFERENCE && Long.valueOf(tableId).equals(c.references())) {
                    out.add(Map.entry(t, c));
                }
            }
        }
        return out;
    }

    /**
     * Drops the indexes of the table's live columns, for a bulk load into an empty table: building an index once from
     * the loaded rows (a sort) is several times faster than inserting every row into it. {@link #createIndexes} puts
     * them back in the same transaction.
     */
    public void dropIndexes(Handle h, TableDef t) {
        t.columns().forEach(c -> PhysicalTables.dropIndex(h, t.sql(), c));
    }

    /** Creates the indexes of the table's live columns (unique ones refuse duplicates). */
    public void createIndexes(Handle h, TableDef t) {
        t.columns().forEach(c -> PhysicalTables.createIndex(h, dialect, t.sql(), c));
    }
}
