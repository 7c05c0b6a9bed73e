package dev.cairn.workspace.schema;

import java.util.List;

/**
 * Changes to a table, applied in this order in one transaction: {@code name}/{@code label}, {@code rename} columns,
 * {@code remove} columns (data kept until purged), {@code alter} columns (label, required, unique, indexed, choices,
 * default, maxLength; named by their current name), {@code add} columns. Types never change in place.
 */
public record TablePatch(String name, String label, List<Rename> rename, List<String> remove, List<ColumnSpec> alter,
        List<ColumnSpec> add) {

    /** Renames column {@code from} to {@code to}. */
    public record Rename(String from, String to) {
    }
}
