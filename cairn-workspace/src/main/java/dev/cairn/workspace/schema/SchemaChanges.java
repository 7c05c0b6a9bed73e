package dev.cairn.workspace.schema;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.error.ServiceException;
import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.Computed;
import dev.cairn.workspace.model.FieldError;
import dev.cairn.workspace.model.StoredJson;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.model.ValidationException;
import dev.cairn.workspace.write.WriteTx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Changes of table definitions, each inside a write that runs alone: create a table, patch it (see {@link TablePatch}
 * for the order), delete it. Columns are renamed in metadata only; removed columns and deleted tables are hidden and
 * keep their data until purged. A change that would break what uses a table or column ({@link SchemaUsers}) is refused
 * with the users named. Every change is logged as a {@code schema} change and bumps the schema version. Thread-safe.
 */
final class SchemaChanges {
    private final Schema schema;
    private final SchemaUsers users;

    SchemaChanges(Schema schema, SchemaUsers users) {
        this.schema = schema;
        this.users = users;
    }

    /** Creates a table with its columns (a reference may point to the new table itself). */
    TableDef create(WriteTx tx, TableSpec given) {
        Handle h = tx.handle();
        TableSpec spec = withNames(h, tx.workspaceId(), given);
        List<FieldError> errors = new ArrayList<>();
        Names.check(spec.name(), "name", errors);
        if (spec.columns() == null || spec.columns().isEmpty()) {
            errors.add(new FieldError("columns", "a table needs at least one column"));
        }
        List<ColumnSpec> specs = spec.columns() == null ? List.of() : spec.columns();
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            Column c = ColumnRules.check(specs.get(i), "columns[" + i + "]", errors, ref -> ref.equals(spec.name())
                    ? Long.valueOf(-1) : Schema.liveTableId(h, tx.workspaceId(), ref), 0);
            if (c != null && seen.contains(c.name())) {
                errors.add(new FieldError("columns[" + i + "].name", "'" + c.name() + "' is listed twice"));
            } else if (c != null) {
                seen.add(c.name());
            }
        }
        if (errors.isEmpty() && Schema.liveTableId(h, tx.workspaceId(), spec.name()) != null) {
            throw new ServiceException(ErrorCode.ALREADY_EXISTS, "a table named '" + spec.name() + "' exists already");
        }
        ValidationException.throwIfAny(errors, "the table definition is invalid");
        Schema.changed(tx);
        long tableId = h.createQuery("INSERT INTO ws_tables (workspace_id, name, label, created_at) VALUES "
                + "(:w, :n, :l, :now) RETURNING id").bind("w", tx.workspaceId()).bind("n", spec.name())
                .bind("l", spec.label()).bind("now", tx.now()).mapTo(Long.class).one();
        PhysicalTables.create(h, schema.dialect(), tableId);
        TableDef empty = new TableDef(tableId, tx.workspaceId(), spec.name(), spec.label(), List.of());
        for (Column c : storeNew(h, tx.workspaceId(), empty, spec.columns(), "columns", 0)) {
            PhysicalTables.addColumn(h, schema.dialect(), tableId, c, 0);
        }
        TableDef table = schema.byId(h, tableId);
        schema.buildViews(tx);
        tx.log(tableId, null, "schema", null, null, StoredJson.write(TableSpecs.describe(h, table)));
        return table;
    }

    /**
     * {@code spec} with the names people left out filled in: the table's from its label, unique in the workspace, and
     * each column's from its label ({@link Names#derive}). A given name is kept as it is (and checked as before).
     */
    private static TableSpec withNames(Handle h, long workspaceId, TableSpec spec) {
        String name = spec.name();
        if ((name == null || name.isBlank()) && spec.label() != null && !spec.label().isBlank()) {
            name = Names.derive(spec.label(), h.createQuery("SELECT name FROM ws_tables WHERE workspace_id = :w")
                    .bind("w", workspaceId).mapTo(String.class).list());
        }
        return new TableSpec(name, spec.label(), spec.columns() == null ? null
                : withNames(spec.columns(), List.of()));
    }

    /** {@code specs} with each missing name derived from the column's label, unique among {@code taken} and them. */
    static List<ColumnSpec> withNames(List<ColumnSpec> specs, java.util.Collection<String> taken) {
        List<String> used = new ArrayList<>(taken);
        specs.stream().filter(c -> c != null && c.name() != null && !c.name().isBlank()).forEach(c -> used.add(c.name()));
        List<ColumnSpec> out = new ArrayList<>();
        for (ColumnSpec c : specs) {
            if (c != null && (c.name() == null || c.name().isBlank()) && c.label() != null && !c.label().isBlank()) {
                String name = Names.derive(c.label(), used);
                used.add(name);
                out.add(c.named(name));
            } else {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * Validates new columns and inserts their metadata; checks their formulas once all have ids; returns them with
     * their ids and, for formulas, what they give.
     */
    private List<Column> storeNew(Handle h, long workspaceId, TableDef table, List<ColumnSpec> given,
            String path, long rows) {
        List<ColumnSpec> specs = withNames(given, table.allColumns().stream().map(Column::name).toList());
        List<FieldError> errors = new ArrayList<>();
        List<String> seen = new ArrayList<>(table.columns().stream().map(Column::name).toList());
        List<Column> valid = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            String p = path + "[" + i + "]";
            Column c = ColumnRules.check(specs.get(i), p, errors, ref -> ref.equals(table.name()) ? (Long) table.id()
                    : Schema.liveTableId(h, workspaceId, ref), rows);
            if (c != null && seen.contains(c.name())) {
                errors.add(new FieldError(p + ".name", "the table already has a column named '" + c.name() + "'"));
            } else if (c != null) {
                seen.add(c.name());
                valid.add(c);
            }
        }
        ValidationException.throwIfAny(errors, "the column definitions are invalid");
        int position = h.createQuery("SELECT COALESCE(MAX(position), 0) FROM ws_columns WHERE table_id = :t")
                .bind("t", table.id()).mapTo(Integer.class).one();
        List<Long> ids = new ArrayList<>();
        Map<Long, String> formulas = new LinkedHashMap<>();
        for (int i = 0; i < valid.size(); i++) {
            Column c = valid.get(i);
            long id = ColumnRows.insert(h, table.id(), ++position, c);
            ids.add(id);
            if (c.computed() instanceof Computed.Formula) {
                formulas.put(id, path + "[" + specs.indexOf(specOf(specs, c)) + "]");
            }
        }
        FormulaColumns.check(h, schema, workspaceId, table.id(), formulas, errors);
        ValidationException.throwIfAny(errors, "the formulas are invalid");
        TableDef now = schema.byId(h, table.id());
        return ids.stream().map(id -> now.columnById(id).orElseThrow()).toList();
    }

    private static ColumnSpec specOf(List<ColumnSpec> specs, Column c) {
        return specs.stream().filter(s -> s != null && c.name().equals(s.name())).findFirst().orElse(null);
    }

    /** Applies {@code patch} (see {@link TablePatch} for the order). */
    TableDef patch(WriteTx tx, TableDef table, TablePatch patch) {
        Handle h = tx.handle();
        List<FieldError> errors = new ArrayList<>();
        String newName = patch.name() == null ? table.name() : patch.name();
        if (patch.name() != null && !patch.name().equals(table.name())) {
            Names.check(patch.name(), "name", errors);
            if (errors.isEmpty() && Schema.liveTableId(h, tx.workspaceId(), patch.name()) != null) {
                throw new ServiceException(ErrorCode.ALREADY_EXISTS, "a table named '" + patch.name()
                        + "' exists already");
            }
        }
        ValidationException.throwIfAny(errors, "the table change is invalid");
        Schema.changed(tx);
        h.createUpdate("UPDATE ws_tables SET name = :n, label = :l WHERE id = :t").bind("n", newName)
                .bind("l", patch.label() == null ? table.label() : patch.label()).bind("t", table.id()).execute();
        renameColumns(h, table, patch.rename() == null ? List.of() : patch.rename());
        removeColumns(tx, schema.byId(h, table.id()), patch.remove() == null ? List.of() : patch.remove());
        if (patch.alter() != null) {
            for (int i = 0; i < patch.alter().size(); i++) {
                new ColumnAlter(schema, tx, schema.byId(h, table.id()), users).apply(patch.alter().get(i),
                        "alter[" + i + "]");
            }
        }
        if (patch.add() != null && !patch.add().isEmpty()) {
            TableDef current = schema.byId(h, table.id());
            long rows = h.createQuery("SELECT COUNT(*) FROM " + current.sql()).mapTo(Long.class).one();
            for (Column c : storeNew(h, tx.workspaceId(), current, patch.add(), "add", rows)) {
                PhysicalTables.addColumn(h, schema.dialect(), table.id(), c, rows);
            }
        }
        TableDef result = schema.byId(h, table.id());
        schema.buildViews(tx);
        tx.log(table.id(), null, "schema", null, StoredJson.write(TableSpecs.describe(h, table)),
                StoredJson.write(TableSpecs.describe(h, result)));
        return result;
    }

    private static void renameColumns(Handle h, TableDef table, List<TablePatch.Rename> renames) {
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
            Names.check(r.to(), p + ".to", errors);
            if (errors.size() == before && names.contains(r.to())) {
                errors.add(new FieldError(p + ".to", "the table already has a column named '" + r.to() + "'"));
            }
            if (errors.size() == before) {
                names.set(names.indexOf(r.from()), r.to());
            }
        }
        ValidationException.throwIfAny(errors, "the renames are invalid");
        for (var r : renames) {
            Column c = table.column(r.from()).orElseThrow();
            h.createUpdate("UPDATE ws_columns SET name = :n WHERE id = :c").bind("n", r.to()).bind("c", c.id())
                    .execute();
            table = new TableDef(table.id(), table.workspaceId(), table.name(), table.label(), table.allColumns()
                    .stream().map(x -> x.id() == c.id() ? x.withName(r.to()) : x).toList());
        }
    }

    private void removeColumns(WriteTx tx, TableDef table, List<String> remove) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < remove.size(); i++) {
            if (table.column(remove.get(i)).isEmpty()) {
                errors.add(new FieldError("remove[" + i + "]", "no column '" + remove.get(i) + "'"));
            }
        }
        ValidationException.throwIfAny(errors, "the removals are invalid");
        if (remove.size() >= table.columns().size()) {
            throw ValidationException.of("remove", "a table keeps at least one column; delete the table instead");
        }
        refuseIfUsed(tx.handle(), table, remove);
        for (String name : remove) {
            Column c = table.column(name).orElseThrow();
            tx.handle().createUpdate("UPDATE ws_columns SET removed_at = :now WHERE id = :c").bind("now", tx.now())
                    .bind("c", c.id()).execute();
            if (!c.unique()) {
                PhysicalTables.dropIndex(tx.handle(), table.sql(), c);
            }
        }
    }

    /** Refuses (409 {@code in-use}, nothing changed) the removal of columns that saved reports use, naming them all. */
    private void refuseIfUsed(Handle h, TableDef table, List<String> remove) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        String first = null;
        for (int i = 0; i < remove.size(); i++) {
            Column c = table.column(remove.get(i)).orElseThrow();
            List<String> using = users.using(h, table.id(), c.id());
            if (!using.isEmpty()) {
                String path = table.name() + "." + c.name();
                first = first == null ? path : first;
                names.addAll(using);
                errors.add(new FieldError("remove[" + i + "]", "column '" + path + "' is used by the saved report(s) "
                        + Names.quoted(using) + "; change or delete them first"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ReportsInUseException(errors.getFirst().message(), first, List.copyOf(names), errors);
        }
    }

    /** Deletes a table: hidden at once, rows and history kept until purged. Refused while referenced or reported on. */
    void delete(WriteTx tx, TableDef table) {
        Handle h = tx.handle();
        List<String> referencing = Schema.referencesTo(schema.tables(h, tx.workspaceId()), table.id()).stream()
                .filter(e -> e.getKey().id() != table.id()).map(e -> e.getKey().name() + "." + e.getValue().name())
                .toList();
        if (!referencing.isEmpty()) {
            throw new ServiceException(ErrorCode.IN_USE, "table '" + table.name() + "' is referenced by the column(s) "
                    + referencing + "; remove those reference columns first");
        }
        List<String> using = users.onTable(h, table.id());
        if (!using.isEmpty()) {
            String message = "table '" + table.name() + "' is used by the saved report(s) " + Names.quoted(using)
                    + "; delete them first";
            throw new ReportsInUseException(message, table.name(), using, List.of(new FieldError("name", message)));
        }
        Schema.changed(tx);
        h.createUpdate("UPDATE ws_tables SET deleted_at = :now WHERE id = :t").bind("now", tx.now())
                .bind("t", table.id()).execute();
        schema.buildViews(tx);
        tx.log(table.id(), null, "schema", null, StoredJson.write(TableSpecs.describe(h, table)), null);
    }
}
