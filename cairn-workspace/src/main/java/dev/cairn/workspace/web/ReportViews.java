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

    /** A column of a list report, in its place ({@code c<index>}). */
    public record ColumnRow(int index, List<Option> fields, String error) {
    }

    /**
     * A filter row of the builder (field ids {@code f<index>_column}, {@code _op}, {@code _value}); {@code valueHint}
     * says what a reference filter's value is, and {@code suggestions} are the names of the first records it can
     * name (a {@code datalist}; empty for other filters).
     */
    public record FilterRow(int index, List<Option> columns, List<Option> ops, String value, String columnError,
            String opError, String valueError, String valueHint, List<String> suggestions) {
    }

    /** A grouping row ({@code g<index>}). */
    public record GroupRow(int index, List<Option> fields, String error) {
    }

    /** An aggregate row ({@code a<index>_fn}, {@code a<index>_column}). */
    public record AggRow(int index, List<Option> fns, List<Option> fields, String fnError, String columnError) {
    }

    /** A column heading of a shown result: its label; numeric columns are right-aligned. */
    /** A sort key row of the builder: {@code s<index>} (the result column) and {@code s<index>_desc}. */
    public record SortRow(int index, List<Option> fields, boolean desc, String error) {
    }

    public record Heading(String label, boolean numeric) {
    }

    /** A displayed value of a result. */
    public record Cell(String text, boolean numeric) {
    }

    /**
     * A computed result as pages show it (the builder's preview, the result page, the share page): column labels,
     * rows and totals rows of display values ({@link dev.cairn.workspace.reports.ReportResult#display}), the conditions
     * in words, and how many rows there are.
     */
    public record Result(String name, String table, String generatedAt, String generatedAtIso, String rowCount,
            List<Heading> headings, List<List<Cell>> rows, List<List<Cell>> totals, List<String> conditions) {

        /** {@code result} of a report on the table people call {@code tableTitle}. */
        public static Result of(dev.cairn.workspace.reports.ReportResult result, String tableTitle) {
            var columns = result.columns();
            List<Heading> headings = columns.stream().map(c -> new Heading(c.label(), c.numeric())).toList();
            return new Result(result.name() == null ? "Report" : result.name(), tableTitle,
                    dev.cairn.workspace.pdf.ReportPdf.generatedAt(result.generatedAt()),
                    result.generatedAt().toString(), result.rowCount(), headings, cells(result, result.rows(), false),
                    cells(result, result.totals(), true), result.conditions());
        }

        private static List<List<Cell>> cells(dev.cairn.workspace.reports.ReportResult result,
                List<List<dev.cairn.workspace.model.Value>> rows, boolean totals) {
            var columns = result.columns();
            return rows.stream().map(row -> {
                List<Cell> out = new java.util.ArrayList<>(row.size());
                for (int i = 0; i < row.size(); i++) {
                    String text = result.display(i, row.get(i));
                    out.add(new Cell(totals && i == 0 && text.isEmpty() ? "Total" : text, columns.get(i).numeric()));
                }
                return out;
            }).toList();
        }
    }
}
