package dev.cairn.workspace.model;

import java.util.List;
import java.util.Optional;

/**
 * A user table with all its columns, removed ones included (in position order). The physical table is
 * {@code r_<id>}.
 */
public record TableDef(long id, long workspaceId, String name, String label, List<Column> allColumns) {

    public TableDef {
        allColumns = List.copyOf(allColumns);
    }

    /** The columns the API shows and accepts. */
    public List<Column> columns() {
        return allColumns.stream().filter(c -> !c.removed()).toList();
    }

    public Optional<Column> column(String name) {
        return columns().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public Optional<Column> columnById(long columnId) {
        return allColumns.stream().filter(c -> c.id() == columnId).findFirst();
    }

    /** The physical table: where rows are written. */
    public String sql() {
        return "r_" + id;
    }

    /**
     * Where rows are read with their computed columns: the view {@code v_<id>} if a live column is computed (it has
     * every column of {@link #sql()} and the computed values in their columns' places), else the physical table.
     */
    public String readSql() {
        return hasComputed() ? "v_" + id : sql();
    }

    /** Whether a live column is computed. */
    public boolean hasComputed() {
        return columns().stream().anyMatch(Column::isComputed);
    }
}
