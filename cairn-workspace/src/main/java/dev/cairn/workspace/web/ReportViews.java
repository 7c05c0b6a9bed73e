package dev.cairn.workspace.web;

import dev.cairn.workspace.web.RecordViews.Option;
import java.util.List;

/** The view models of the report pages. */
public final class ReportViews {
    private ReportViews() {
    }

    /** A saved report in the list. */
    public record ReportRow(long id, String name, String table, String kind) {
    }

    /** A filter row of the builder (field ids {@code f<index>_column}, {@code _op}, {@code _value}). */
    public record FilterRow(int index, List<Option> columns, List<Option> ops, String value, String columnError,
            String opError, String valueError) {
    }

    /** A grouping row ({@code g<index>}). */
    public record GroupRow(int index, List<Option> fields, String error) {
    }

    /** An aggregate row ({@code a<index>_fn}, {@code a<index>_column}). */
    public record AggRow(int index, List<Option> fns, List<Option> fields, String fnError, String columnError) {
    }

    /** A computed result as text: column names and rows of display values. */
    public record Result(String name, String table, String generatedAt, List<String> columns, List<List<String>> rows,
            boolean numericLast) {
    }
}
