package dev.cairn.workspace.records;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.db.Dialect;
import dev.cairn.server.error.ServiceException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * User tables and columns: their metadata in {@code ws_tables}/{@code ws_columns} and their physical tables
 * ({@code r_<id>}, columns {@code c_<id>}). Every SQL identifier is built from numeric ids, never from a name a user
 * typed. Columns are renamed in metadata only; removed columns keep their physical column (and so their data) until
 * purged. Every change is logged as a {@code schema} change and bumps the workspace's {@code schema_version} in its
 * transaction; definitions read through {@link #current} or {@link WriteTx#table} are cached per workspace and version
 * ({@link TableDefCache}). Thread-safe.
 */
public final class Schema {
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final List<String> RESERVED = List.of("id", "version");
    private final Dialect dialect;
    private final TableDefCache cache = new TableDefCache();

    public Schema(Dialect dialect) {
        this.dialect = dialect;
    }

    Dialect dialect() {
        return dialect;
    }

    // ---- reading

    /** The workspace's live tables, by name. */
    List<TableDef> tables(Handle h, long workspaceId) {
        List<long[]> ids = h.createQuery("SELECT id FROM ws_tables WHERE workspace_id = :w AND deleted_at IS NULL "
                + "ORDER BY name").bind("w", workspaceId).map((rs, ctx) -> new long[] {rs.getLong(1)}).list();
        return ids.stream().map(id -> byId(h, id[0])).toList();
    }

    /**
     * The live table {@code name} as committed now, from the cache while the workspace's schema version is unchanged;
     * 404 if there is none. Only for handles outside a write transaction (reads): the version is the one read with
     * the caller at the start of the request (else it is read now), before the definition, so a definition cached
     * under it is never older than it.
     */
    TableDef current(Handle h, Caller caller, String name) {
        long version = caller.schemaVersion() != Caller.VERSION_UNKNOWN ? caller.schemaVersion()
                : schemaVersion(h, caller.workspaceId());
        return cached(h, version, caller.workspaceId(), name);
    }

    /**
     * The live table {@code name} at schema version {@code version}, which the caller read (committed) before, on the
     * same handle, with no schema change of its own since; 404 if there is none.
     */
    TableDef cached(Handle h, long version, long workspaceId, String name) {
        TableDef t = cache.get(workspaceId, version, name);
        if (t == null) {
            t = require(h, workspaceId, name);
            cache.put(workspaceId, version, t);
        }
        return t;
    }

    /**
     * The workspace's live tables at schema version {@code version}, which the caller read (committed) before, on the
     * same handle, with no schema change of its own since: from the cache, else read and cached.
     */
    List<TableDef> tablesAt(Handle h, long version, long workspaceId) {
        List<TableDef> all = cache.all(workspaceId, version);
        if (all == null) {
            all = tables(h, workspaceId);
            cache.putAll(workspaceId, version, all);
        }
        return all;
    }

    /** The workspace's schema version; 404 if the workspace is gone. */
    static long schemaVersion(Handle h, long workspaceId) {
        return h.createQuery("SELECT schema_version FROM workspaces WHERE id = :w").bind("w", workspaceId)
                .mapTo(Long.class).findOne().orElseThrow(() -> ServiceException.notFound("the workspace is gone"));
    }

    /** Records that {@code tx} changes table definitions: bumps the schema version in its transaction. */
    static void changed(WriteTx tx) {
        tx.h.execute("UPDATE workspaces SET schema_version = schema_version + 1 WHERE id = ?", tx.workspaceId());
        tx.schemaChanged();
    }

    /** The live table {@code name}, read from the database (uncached); 404 if there is none. */
    TableDef require(Handle h, long workspaceId, String name) {
        return h.createQuery("SELECT id FROM ws_tables WHERE workspace_id = :w AND name = :n AND deleted_at IS NULL")
                .bind("w", workspaceId).bind("n", name).mapTo(Long.class).findOne().map(id -> byId(h, id))
                .orElseThrow(() -> ServiceException.notFound("no table '" + name + "' in this workspace"));
    }

    TableDef byId(Handle h, long tableId) {
        var head = h.createQuery("SELECT workspace_id, name, label FROM ws_tables WHERE id = :t").bind("t", tableId)
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).one();
        List<Column> columns = h.createQuery("SELECT * FROM ws_columns WHERE table_id = :t ORDER BY position")
                .bind("t", tableId).map((rs, ctx) -> column(rs.getLong("id"), rs.getString("name"),
                        rs.getString("label"), rs.getString("type"), rs.getInt("required") != 0,
                        rs.getInt("is_unique") != 0, rs.getInt("indexed") != 0, rs.getString("options"),
                        rs.getObject("removed_at") != null)).list();
        return new TableDef(tableId, Long.parseLong(head[0]), head[1], head[2], columns);
    }

    private static Column column(long id, String name, String label, String type, boolean required, boolean unique,
            boolean indexed, String optionsJson, boolean removed) {
        JsonNode o = readJson(optionsJson);
        List<String> choices = new ArrayList<>();
        o.path("choices").forEach(n -> choices.add(n.asText()));
        JsonNode def = o.get("default");
        return new Column(id, name, label, ColumnType.fromWire(type).orElseThrow(), required, unique, indexed, choices,
                o.path("scale").asInt(0), o.hasNonNull("currency") ? o.get("currency").asText() : null,
                o.hasNonNull("references") ? o.get("references").asLong() : null,
                def == null || def.isNull() ? null : def, o.path("maxLength").asInt(0), removed);
    }

    /** The API form of a table; reference targets are named. */
    TableSpec describe(Handle h, TableDef t) {
        Map<Long, String> names = new HashMap<>();
        List<ColumnSpec> cols = t.columns().stream().map(c -> new ColumnSpec(c.name(), c.label(), c.type().wireName(),
                c.required(), c.unique(), c.indexed(), c.type() == ColumnType.CHOICE ? c.choices() : null,
                c.type() == ColumnType.DECIMAL || c.type() == ColumnType.MONEY ? c.scale() : null, c.currency(),
                c.references() == null ? null : names.computeIfAbsent(c.references(), id -> tableName(h, id)),
                c.defaultValue(), c.type().isTextual() ? c.maxLength() : null)).toList();
        return new TableSpec(t.name(), t.label(), cols);
    }

    private static String tableName(Handle h, long tableId) {
        return h.createQuery("SELECT name FROM ws_tables WHERE id = :t").bind("t", tableId).mapTo(String.class).one();
    }

    // ---- creating

    /** Creates a table with its columns (a reference may point to the new table itself). */
    TableDef create(WriteTx tx, TableSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        checkName(spec.name(), "name", errors);
        if (spec.columns() == null || spec.columns().isEmpty()) {
            errors.add(new FieldError("columns", "a table needs at least one column"));
        }
        List<ColumnSpec> specs = spec.columns() == null ? List.of() : spec.columns();
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            Column c = ColumnRules.check(specs.get(i), "columns[" + i + "]", errors, ref -> ref.equals(spec.name())
                    ? Long.valueOf(-1) : liveTableId(tx.h, tx.workspaceId(), ref), 0);
            if (c != null && seen.contains(c.name())) {
                errors.add(new FieldError("columns[" + i + "].name", "'" + c.name() + "' is listed twice"));
            } else if (c != null) {
                seen.add(c.name());
            }
        }
        if (errors.isEmpty() && liveTableId(tx.h, tx.workspaceId(), spec.name()) != null) {
            throw new ServiceException(ErrorCode.ALREADY_EXISTS, "a table named '" + spec.name() + "' exists already");
        }
        throwIfAny(errors, "the table definition is invalid");
        changed(tx);
        long tableId = tx.h.createQuery("INSERT INTO ws_tables (workspace_id, name, label, created_at) VALUES "
                + "(:w, :n, :l, :now) RETURNING id").bind("w", tx.workspaceId()).bind("n", spec.name())
                .bind("l", spec.label()).bind("now", tx.now).mapTo(Long.class).one();
        tx.h.execute("CREATE TABLE r_" + tableId + " (id " + (dialect == Dialect.SQLITE
                ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")
                + ", version BIGINT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)");
        List<Column> columns = validateNew(tx.h, tx.workspaceId(), new TableDef(tableId, tx.workspaceId(), spec.name(),
                spec.label(), List.of()), spec.columns(), "columns", 0);
        for (Column c : columns) {
            addPhysical(tx, tableId, c, 0);
        }
        TableDef table = byId(tx.h, tableId);
        tx.log(tableId, null, "schema", null, null, json(describe(tx.h, table)));
        return table;
    }

    /** Validates new columns and inserts their metadata; returns them with their ids. */
    private List<Column> validateNew(Handle h, long workspaceId, TableDef table, List<ColumnSpec> specs, String path,
            long rows) {
        List<FieldError> errors = new ArrayList<>();
        List<String> seen = new ArrayList<>(table.columns().stream().map(Column::name).toList());
        List<Column> valid = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            String p = path + "[" + i + "]";
            Column c = ColumnRules.check(specs.get(i), p, errors, ref -> ref.equals(table.name()) ? (Long) table.id()
                    : liveTableId(h, workspaceId, ref), rows);
            if (c != null && seen.contains(c.name())) {
                errors.add(new FieldError(p + ".name", "the table already has a column named '" + c.name() + "'"));
            } else if (c != null) {
                seen.add(c.name());
                valid.add(c);
            }
        }
        throwIfAny(errors, "the column definitions are invalid");
        int position = h.createQuery("SELECT COALESCE(MAX(position), 0) FROM ws_columns WHERE table_id = :t")
                .bind("t", table.id()).mapTo(Integer.class).one();
        List<Column> stored = new ArrayList<>();
        for (Column c : valid) {
            long id = h.createQuery("INSERT INTO ws_columns (table_id, position, name, label, type, required, "
                    + "is_unique, indexed, options) VALUES (:t, :p, :n, :l, :type, :req, :uq, :ix, :o) RETURNING id")
                    .bind("t", table.id()).bind("p", ++position).bind("n", c.name()).bind("l", c.label())
                    .bind("type", c.type().wireName()).bind("req", c.required() ? 1 : 0).bind("uq", c.unique() ? 1 : 0)
                    .bind("ix", c.indexed() ? 1 : 0).bind("o", options(c)).mapTo(Long.class).one();
            stored.add(new Column(id, c.name(), c.label(), c.type(), c.required(), c.unique(), c.indexed(), c.choices(),
                    c.scale(), c.currency(), c.references(), c.defaultValue(), c.maxLength(), false));
        }
        return stored;
    }

    /** Adds the physical column(s) and index; fills existing rows with the default. */
    private void addPhysical(WriteTx tx, long tableId, Column c, long rows) {
        String table = "r_" + tableId;
        tx.h.execute("ALTER TABLE " + table + " ADD COLUMN " + c.sql() + " " + c.type().sqlType());
        if (c.type() == ColumnType.MONEY) {
            tx.h.execute("ALTER TABLE " + table + " ADD COLUMN " + c.currencySql() + " TEXT");
        }
        if (rows > 0 && c.defaultValue() != null) {
            Object[] values = Values.toSql(c, Values.fromJson(c, c.defaultValue(), c.name(), new ArrayList<>()));
            var update = tx.h.createUpdate("UPDATE " + table + " SET " + c.sql() + " = :v" + (values.length > 1
                    ? ", " + c.currencySql() + " = :cur" : "")).bind("v", values[0]);
            if (values.length > 1) {
                update.bind("cur", values[1]);
            }
            update.execute();
        }
        createIndex(tx.h, table, c);
    }

    private void createIndex(Handle h, String table, Column c) {
        if (c.unique()) {
            h.execute("CREATE UNIQUE INDEX " + table + "_" + c.sql() + " ON " + table + " (" + c.sql() + ")");
        } else if (c.indexed()) {
            // listings order by (column, id): on PostgreSQL the index carries id too, so page 1 of a sorted listing
            // stops after its rows instead of reading and sorting every row of the first values' ties (a date shared
            // by a thousand rows); SQLite's index entries end with the rowid (= id) anyway
            String key = dialect == Dialect.POSTGRES ? c.sql() + " NULLS FIRST, id" : c.sql();
            h.execute("CREATE INDEX " + table + "_" + c.sql() + " ON " + table + " (" + key + ")");
        }
    }

    /**
     * Drops the indexes of the table's live columns, for a bulk load into an empty table: building an index once from
     * the loaded rows (a sort) is several times faster than inserting every row into it. {@link #createIndexes} puts
     * them back in the same transaction.
     */
    void dropIndexes(Handle h, TableDef t) {
        t.columns().forEach(c -> dropIndex(h, t.sql(), c));
    }

    /** Creates the indexes of the table's live columns (unique ones refuse duplicates). */
    void createIndexes(Handle h, TableDef t) {
        t.columns().forEach(c -> createIndex(h, t.sql(), c));
    }

    private static void dropIndex(Handle h, String table, Column c) {
        h.execute("DROP INDEX IF EXISTS " + table + "_" + c.sql());
    }

    // ---- changing

    /** Applies {@code patch} (see {@link TablePatch} for the order). */
    TableDef patch(WriteTx tx, TableDef table, TablePatch patch, ReportRefs reports) {
        List<FieldError> errors = new ArrayList<>();
        String newName = patch.name() == null ? table.name() : patch.name();
        if (patch.name() != null && !patch.name().equals(table.name())) {
            checkName(patch.name(), "name", errors);
            if (errors.isEmpty() && liveTableId(tx.h, tx.workspaceId(), patch.name()) != null) {
                throw new ServiceException(ErrorCode.ALREADY_EXISTS, "a table named '" + patch.name()
                        + "' exists already");
            }
        }
        throwIfAny(errors, "the table change is invalid");
        changed(tx);
        tx.h.createUpdate("UPDATE ws_tables SET name = :n, label = :l WHERE id = :t").bind("n", newName)
                .bind("l", patch.label() == null ? table.label() : patch.label()).bind("t", table.id()).execute();
        renameColumns(tx, table, patch.rename() == null ? List.of() : patch.rename());
        removeColumns(tx, byId(tx.h, table.id()), patch.remove() == null ? List.of() : patch.remove(), reports);
        if (patch.alter() != null) {
            for (int i = 0; i < patch.alter().size(); i++) {
                new ColumnAlter(this, tx, byId(tx.h, table.id()), reports).apply(patch.alter().get(i),
                        "alter[" + i + "]");
            }
        }
        if (patch.add() != null && !patch.add().isEmpty()) {
            TableDef current = byId(tx.h, table.id());
            long rows = tx.h.createQuery("SELECT COUNT(*) FROM " + current.sql()).mapTo(Long.class).one();
            for (Column c : validateNew(tx.h, tx.workspaceId(), current, patch.add(), "add", rows)) {
                addPhysical(tx, table.id(), c, rows);
            }
        }
        TableDef result = byId(tx.h, table.id());
        tx.log(table.id(), null, "schema", null, json(describe(tx.h, table)), json(describe(tx.h, result)));
        return result;
    }

    private void renameColumns(WriteTx tx, TableDef table, List<TablePatch.Rename> renames) {
        List<FieldError> errors = new ArrayList<>();
        List<String> names = new ArrayList<>(table.columns().stream().map(Column::name).toList());
        for (int i = 0; i < renames.size(); i++) {
            var r = renames.get(i);
            String p = "rename[" + i + "]";
            if (r.from() == null || !names.contains(r.from())) {
                errors.add(new FieldError(p + ".from", "no column '" + r.from() + "'"));
                continue;
            }
            int before = errors.size();
            checkName(r.to(), p + ".to", errors);
            if (errors.size() == before && names.contains(r.to())) {
                errors.add(new FieldError(p + ".to", "the table already has a column named '" + r.to() + "'"));
            }
            if (errors.size() == before) {
                names.set(names.indexOf(r.from()), r.to());
            }
        }
        throwIfAny(errors, "the renames are invalid");
        for (var r : renames) {
            Column c = table.column(r.from()).orElseThrow();
            tx.h.createUpdate("UPDATE ws_columns SET name = :n WHERE id = :c").bind("n", r.to()).bind("c", c.id())
                    .execute();
            table = new TableDef(table.id(), table.workspaceId(), table.name(), table.label(), table.allColumns()
                    .stream().map(x -> x.id() == c.id() ? x.withName(r.to()) : x).toList());
        }
    }

    private void removeColumns(WriteTx tx, TableDef table, List<String> remove, ReportRefs reports) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < remove.size(); i++) {
            if (table.column(remove.get(i)).isEmpty()) {
                errors.add(new FieldError("remove[" + i + "]", "no column '" + remove.get(i) + "'"));
            }
        }
        throwIfAny(errors, "the removals are invalid");
        if (remove.size() >= table.columns().size()) {
            throw ValidationException.of("remove", "a table keeps at least one column; delete the table instead");
        }
        refuseIfReported(tx.h, table, remove, reports);
        for (String name : remove) {
            Column c = table.column(name).orElseThrow();
            tx.h.createUpdate("UPDATE ws_columns SET removed_at = :now WHERE id = :c").bind("now", tx.now)
                    .bind("c", c.id()).execute();
            if (!c.unique()) {
                dropIndex(tx.h, table.sql(), c);
            }
        }
    }

    /** Refuses (409 {@code in-use}, nothing changed) the removal of columns that saved reports use, naming them all. */
    private static void refuseIfReported(Handle h, TableDef table, List<String> remove, ReportRefs reports) {
        List<FieldError> errors = new ArrayList<>();
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        String first = null;
        for (int i = 0; i < remove.size(); i++) {
            Column c = table.column(remove.get(i)).orElseThrow();
            List<String> using = reports.using(h, table.id(), c.id());
            if (!using.isEmpty()) {
                String path = table.name() + "." + c.name();
                first = first == null ? path : first;
                names.addAll(using);
                errors.add(new FieldError("remove[" + i + "]", "column '" + path + "' is used by the saved report(s) "
                        + quoted(using) + "; change or delete them first"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ReportsInUseException(errors.getFirst().message(), first, List.copyOf(names), errors);
        }
    }

    static String quoted(List<String> names) {
        return String.join(", ", names.stream().map(n -> "'" + n + "'").toList());
    }

    /** Deletes a table: hidden at once, rows and history kept until purged. Refused while referenced or reported on. */
    void delete(WriteTx tx, TableDef table, ReportRefs reports) {
        List<String> referencing = referencesTo(tx.h, tx.workspaceId(), table.id()).stream()
                .filter(e -> e.getKey().id() != table.id()).map(e -> e.getKey().name() + "." + e.getValue().name())
                .toList();
        if (!referencing.isEmpty()) {
            throw new ServiceException(ErrorCode.IN_USE, "table '" + table.name() + "' is referenced by the column(s) "
                    + referencing + "; remove those reference columns first");
        }
        List<String> using = reports.onTable(tx.h, table.id());
        if (!using.isEmpty()) {
            String message = "table '" + table.name() + "' is used by the saved report(s) " + quoted(using)
                    + "; delete them first";
            throw new ReportsInUseException(message, table.name(), using, List.of(new FieldError("name", message)));
        }
        changed(tx);
        tx.h.createUpdate("UPDATE ws_tables SET deleted_at = :now WHERE id = :t").bind("now", tx.now)
                .bind("t", table.id()).execute();
        tx.log(table.id(), null, "schema", null, json(describe(tx.h, table)), null);
    }

    /** Live reference columns (of any table of the workspace) that point at {@code tableId}. */
    List<Map.Entry<TableDef, Column>> referencesTo(Handle h, long workspaceId, long tableId) {
        return referencesTo(tables(h, workspaceId), tableId);
    }

    /** The reference columns among {@code tables} that point at {@code tableId}. */
    static List<Map.Entry<TableDef, Column>> referencesTo(List<TableDef> tables, long tableId) {
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

    // ---- helpers shared with ColumnAlter

    void updateColumn(Handle h, Column c) {
        h.createUpdate("UPDATE ws_columns SET label = :l, required = :req, is_unique = :uq, indexed = :ix, options = :o "
                + "WHERE id = :c").bind("l", c.label()).bind("req", c.required() ? 1 : 0).bind("uq", c.unique() ? 1 : 0)
                .bind("ix", c.indexed() ? 1 : 0).bind("o", options(c)).bind("c", c.id()).execute();
    }

    void reindex(Handle h, String table, Column before, Column after) {
        if (before.unique() != after.unique() || before.indexed() != after.indexed()) {
            dropIndex(h, table, before);
            createIndex(h, table, after);
        }
    }

    static Long liveTableId(Handle h, long workspaceId, String name) {
        return h.createQuery("SELECT id FROM ws_tables WHERE workspace_id = :w AND name = :n AND deleted_at IS NULL")
                .bind("w", workspaceId).bind("n", name).mapTo(Long.class).findOne().orElse(null);
    }

    static void checkName(String name, String path, List<FieldError> errors) {
        if (name == null || name.isEmpty()) {
            errors.add(new FieldError(path, "is missing"));
        } else if (!NAME.matcher(name).matches()) {
            errors.add(new FieldError(path, "'" + (name.length() > 40 ? name.substring(0, 40) + "..." : name)
                    + "' is not a valid name: start with a-z, then a-z, 0-9 or _, at most 63 characters"));
        } else if (RESERVED.contains(name)) {
            errors.add(new FieldError(path, "'" + name + "' is reserved for the record's own " + name));
        }
    }

    static void throwIfAny(List<FieldError> errors, String message) {
        if (!errors.isEmpty()) {
            throw new ValidationException(message + ": " + errors.getFirst().field() + ": "
                    + errors.getFirst().message() + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""),
                    errors);
        }
    }

    private static String options(Column c) {
        ObjectNode o = Values.JSON.createObjectNode();
        if (!c.choices().isEmpty()) {
            c.choices().forEach(o.putArray("choices")::add);
        }
        o.put("scale", c.scale());
        if (c.currency() != null) {
            o.put("currency", c.currency());
        }
        if (c.references() != null) {
            o.put("references", c.references());
        }
        if (c.defaultValue() != null) {
            o.set("default", c.defaultValue());
        }
        o.put("maxLength", c.maxLength());
        return o.toString();
    }

    static String json(Object value) {
        try {
            return Values.JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode readJson(String json) {
        try {
            return Values.JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is malformed: " + e.getOriginalMessage(), e);
        }
    }
}
