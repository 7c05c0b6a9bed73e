package dev.cairn.workspace.schema;

import dev.cairn.server.db.Dialect;
import dev.cairn.workspace.formula.FormulaException;
import dev.cairn.workspace.formula.Formulas;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.model.ValidationException;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The views {@code v_<table id>} through which tables with computed columns are read (ADR 42). A view names columns
 * of other tables (lookups, rollups), and both databases refuse to drop or change a column a view uses, so a schema
 * change first drops every view of the workspace ({@link #drop}) and builds them again at its end ({@link #build}),
 * in the same transaction: a change that breaks a formula is refused with the formula named. Stateless.
 */
final class Views {
    private Views() {
    }

    static void drop(Handle h, long workspaceId) {
        h.createQuery("SELECT id FROM ws_tables WHERE workspace_id = :w").bind("w", workspaceId).mapTo(Long.class)
                .list().forEach(id -> h.execute("DROP VIEW IF EXISTS v_" + id));
    }

    /** Creates the views of the live tables that have computed columns; refuses formulas that no longer work. */
    static void build(Handle h, Dialect dialect, List<TableDef> live) {
        for (TableDef t : live) {
            if (!t.hasComputed()) {
                continue;
            }
            String select;
            try {
                select = Formulas.viewSelect(dialect, t, live);
            } catch (FormulaException e) {
                throw ValidationException.of(t.name(), e.getMessage());
            }
            h.execute("CREATE VIEW v_" + t.id() + " AS " + select);
        }
    }
}
