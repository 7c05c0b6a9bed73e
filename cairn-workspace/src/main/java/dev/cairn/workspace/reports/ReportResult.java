package dev.cairn.workspace.reports;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.DisplayColumn;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.model.ValueText;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A computed report: result columns (machine name, label, type; aggregates have type {@code integer} for count, else
 * that of their column, {@code decimal} for averages), rows of values in column order (null where empty), the totals
 * over every matching row ({@code totals}: one row per currency when money is totalled; empty when there is nothing to
 * total), how many rows matched ({@code matched}, before the limit), and the conditions in people's words
 * ({@code conditions}: "Status equals paid", "Only rows of Customer: Acme"). {@code names} holds the display value of
 * each referenced record by result column index; it is for documents, not part of the API's JSON.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReportResult(String name, String table, Instant generatedAt, List<ResultColumn> columns,
        List<List<Value>> rows, List<List<Value>> totals, Long matched, List<String> conditions,
        @JsonIgnore Map<Integer, Map<Long, String>> names) {

    public ReportResult {
        columns = List.copyOf(columns);
        totals = totals == null ? List.of() : totals;
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        names = names == null ? Map.of() : Map.copyOf(names);
    }

    /** A result with rows only (no totals, conditions or record names). */
    public static ReportResult of(String name, String table, Instant generatedAt, List<ResultColumn> columns,
            List<List<Value>> rows) {
        return new ReportResult(name, table, generatedAt, columns, rows, List.of(), null, List.of(), Map.of());
    }

    /**
     * This result with its last condition (the filter a row restriction added) stated as {@code restriction} instead
     * ("Only rows of Customer: Acme").
     */
    ReportResult restricted(String restriction) {
        List<String> more = new java.util.ArrayList<>(conditions.subList(0, Math.max(0, conditions.size() - 1)));
        more.add(restriction);
        return new ReportResult(name, table, generatedAt, columns, rows, totals, matched, more, names);
    }

    /** A download file name (without extension): the report's name with everything but ASCII letters, digits and
     *  {@code . _ -} replaced, so it is safe in a {@code Content-Disposition} header; {@code report} when nothing is left. */
    public String fileName() {
        String file = name == null ? "" : name.replaceAll("[^A-Za-z0-9._-]+", "-");
        return file.isEmpty() ? "report" : file;
    }

    /**
     * A result column: {@code name} as the API names it ({@code customer.name}, {@code sum_quantity}), {@code label}
     * as people read it ({@code Customer › Name}, {@code Quantity (sum)}).
     */
    public record ResultColumn(String name, String label, String type) {
        /** A column labelled by its name. */
        public ResultColumn(String name, String type) {
            this(name, name, type);
        }

        /** Whether the column holds numbers (integer, decimal, money; counts are integers): shown right-aligned. */
        @JsonIgnore
        public boolean numeric() {
            return ColumnType.fromWire(type).map(ColumnType::isNumeric).orElse(false);
        }

        @JsonIgnore
        boolean isMoney() {
            return type.equals(ColumnType.MONEY.wireName());
        }
    }

    /**
     * The text of {@code value} in result column {@code column} for documents (pages, PDFs, the share page): the
     * formatting of {@link ValueText#display}, with referenced records by their display value.
     */
    public String display(int column, Value value) {
        return value instanceof Value.Reference r ? recordName(column, r.id()) : ValueText.display(value);
    }

    /** As {@link #display}, in the spreadsheet style of {@link ValueText#sheet} (CSV for people). */
    public String sheet(int column, Value value) {
        return value instanceof Value.Reference r ? recordName(column, r.id()) : ValueText.sheet(value);
    }

    private String recordName(int column, long id) {
        Map<Long, String> known = names.get(column);
        String name = known == null ? null : known.get(id);
        return name == null ? DisplayColumn.byId(id) : name;
    }

    /**
     * "1 row", "12 rows": how many rows the result shows; "3 rows from 5 matching records" when fewer rows than
     * matching records (groups, or the limit).
     */
    @JsonIgnore
    public String rowCount() {
        int n = rows.size();
        String shown = n == 1 ? "1 row" : String.format(java.util.Locale.ROOT, "%,d rows", n);
        return matched != null && matched > n ? shown + " from " + String.format(java.util.Locale.ROOT, "%,d", matched)
                + " matching records" : shown;
    }
}
