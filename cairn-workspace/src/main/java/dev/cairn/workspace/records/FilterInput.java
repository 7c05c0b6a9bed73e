package dev.cairn.workspace.records;

/**
 * A condition of a listing as a request gave it: a {@link Filter}, or one the edge could not read, which the service
 * reports in its place with the listing's other problems.
 */
public sealed interface FilterInput permits Filter, FilterInput.Unreadable {
    /**
     * A condition that names no operator or lacks the form {@code column:operator[:value]}: {@code column} is the
     * column it names (null when there is none), {@code problem} what is wrong.
     */
    record Unreadable(String column, String problem) implements FilterInput {
    }
}
