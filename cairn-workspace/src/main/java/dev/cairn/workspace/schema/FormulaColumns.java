package dev.cairn.workspace.schema;

import dev.cairn.server.db.Dialect;
import dev.cairn.workspace.formula.FormulaException;
import dev.cairn.workspace.formula.Formulas;
import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.Computed;
import dev.cairn.workspace.model.FieldError;
import dev.cairn.workspace.model.TableDef;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Checks the formulas of columns just stored (still as people typed them) against the workspace's tables, in the
 * order given, and stores their stored form and what they give. A formula sees the table's other columns and the
 * formula columns listed before it. Stateless.
 */
final class FormulaColumns {
    private FormulaColumns() {
    }

    /**
     * Checks the formulas among {@code pending} (column id → error path), each against the table without the pending
     * columns after it; failures go to {@code errors} under {@code <path>.formula}.
     */
    static void check(Handle h, Schema schema, long workspaceId, long tableId, Map<Long, String> pending,
            List<FieldError> errors) {
        Set<Long> waiting = new java.util.HashSet<>(pending.keySet());
        for (var e : pending.entrySet()) {
            waiting.remove(e.getKey());
            TableDef now = schema.byId(h, tableId);
            TableDef seen = new TableDef(now.id(), now.workspaceId(), now.name(), now.label(), now.allColumns()
                    .stream().filter(c -> !waiting.contains(c.id()) && c.id() != e.getKey()).toList());
            Column c = now.columnById(e.getKey()).orElseThrow();
            String source = ((Computed.Formula) c.computed()).stored();
            List<TableDef> tables = schema.tables(h, workspaceId).stream().map(t -> t.id() == tableId ? seen : t)
                    .toList();
            checkOne(h, schema.dialect(), c, source, seen, tables, e.getValue(), errors);
        }
    }

    /** Checks {@code source} as the formula of {@code c}; stores it and what it gives, or adds an error. */
    static void checkOne(Handle h, Dialect dialect, Column c, String source, TableDef table, List<TableDef> tables,
            String path, List<FieldError> errors) {
        try {
            Formulas.Checked checked = Formulas.check(dialect, source, c, table, tables);
            ColumnRows.retype(h, new Column(c.id(), c.name(), c.label(), checked.type(), false, false, false,
                    List.of(), checked.scale(), checked.currency(), null, null, checked.type().isTextual()
                    ? ColumnRules.maxLength(checked.type()) : 0, false,
                    new Computed.Formula(checked.stored())));
        } catch (FormulaException e) {
            errors.add(new FieldError(path + ".formula", e.getMessage()));
        }
    }
}
