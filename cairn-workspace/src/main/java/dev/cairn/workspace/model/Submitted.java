package dev.cairn.workspace.model;

/**
 * A value as a request gave it for one column, read by the service against the column it writes: the edges (the JSON
 * API, the pages, an import file) need not know the column's type or rules, and a value that cannot be read is
 * reported in place with the request's other problems. Typed callers give a {@link Value}.
 */
@FunctionalInterface
public interface Submitted {
    /** Clears the column (JSON {@code null}). */
    Submitted CLEAR = (column, path) -> null;

    /**
     * The value for {@code column}, or null for none (cleared, or empty text).
     *
     * @throws InvalidValue naming the path of the offending part (under {@code path}) and what is wrong
     */
    Value read(Column column, String path);

    /** Text a person typed (a form field, a file's cell, a filter), read in the column's cell syntax. */
    static Submitted typed(String text) {
        return (column, path) -> CellSyntax.read(column, text, path);
    }
}
