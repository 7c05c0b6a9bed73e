package dev.cairn.workspace.reports;

import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.Money;
import dev.cairn.workspace.model.Value;
import java.time.Instant;
import java.util.List;

/**
 * A computed report: result columns (name and type; aggregates have type {@code integer} for count, else that of their
 * column, {@code decimal} for averages) and rows of values in column order (null where empty).
 */
public record ReportResult(String name, String table, Instant generatedAt, List<ResultColumn> columns,
        List<List<Value>> rows) {

    /** A download file name (without extension): the report's name with everything but ASCII letters, digits and
     *  {@code . _ -} replaced, so it is safe in a {@code Content-Disposition} header; {@code report} when nothing is left. */
    public String fileName() {
        String file = name == null ? "" : name.replaceAll("[^A-Za-z0-9._-]+", "-");
        return file.isEmpty() ? "report" : file;
    }

    public record ResultColumn(String name, String type) {
        /** Whether the column holds numbers (integer, decimal, money; counts are integers): shown right-aligned. */
        public boolean numeric() {
            return ColumnType.fromWire(type).map(ColumnType::isNumeric).orElse(false);
        }
    }

    /**
     * The display text of a value for documents (the HTML result, PDFs, shared pages): money as {@code 12.50 EUR},
     * decimals in plain notation (never {@code 1E+3}), absent values as the empty string, everything else as its wire
     * form's text.
     */
    public static String text(Value value) {
        return switch (value) {
            case null -> "";
            case Money m -> m.amount().toPlainString() + " " + m.currency();
            case Value.Decimal d -> d.value().toPlainString();
            default -> String.valueOf(value.wire());
        };
    }}
