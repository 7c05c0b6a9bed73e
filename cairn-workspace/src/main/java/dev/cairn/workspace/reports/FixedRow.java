package dev.cairn.workspace.reports;

/**
 * Restricts a report to the rows whose reference column {@code columnId} (of the report's table, by id so that renames
 * carry over) points at record {@code recordId} of the referenced table: "the orders of customer X".
 */
public record FixedRow(long columnId, long recordId) {
}
