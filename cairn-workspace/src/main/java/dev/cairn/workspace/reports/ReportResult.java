package dev.cairn.workspace.reports;

import dev.cairn.workspace.model.ColumnType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A computed report: result columns (name and type; aggregates have type {@code integer} for count, else that of their
 * column, {@code decimal} for averages) and rows of wire-form values in column order.
 */
public record ReportResult(String name, String table, Instant generatedAt, List<ResultColumn> columns,
        List<List<Object>> rows) {

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
     * The display text of a wire-form value for pages and PDFs: money as {@code 12.50 EUR}, decimals in plain
     * notation (never {@code 1E+3}), absent values as the empty string, everything else as its string form.
     */
    public static String text(Object value) {
        if (value instanceof Map<?, ?> m && m.containsKey("currency")) {
            return m.get("amount") + " " + m.get("currency");
        }
        return value instanceof BigDecimal d ? d.toPlainString() : value == null ? "" : value.toString();
    }
}
