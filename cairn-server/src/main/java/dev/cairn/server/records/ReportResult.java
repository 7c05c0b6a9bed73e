package dev.cairn.server.records;

import java.time.Instant;
import java.util.List;

/**
 * A computed report: result columns (name and type; aggregates have type {@code integer} for count, else that of their
 * column, {@code decimal} for averages) and rows of wire-form values in column order.
 */
public record ReportResult(String name, String table, Instant generatedAt, List<ResultColumn> columns,
        List<List<Object>> rows) {

    public record ResultColumn(String name, String type) {
    }
}
