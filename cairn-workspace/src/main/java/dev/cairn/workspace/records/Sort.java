package dev.cairn.workspace.records;

/** One sort key of a listing: a column's name, or {@code id}; descending or not. Ties are broken by id. */
public record Sort(String column, boolean descending) {
}
