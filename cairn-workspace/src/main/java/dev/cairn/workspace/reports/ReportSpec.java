package dev.cairn.workspace.reports;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A report as the API describes it. Fields are column names of {@code table}, or {@code reference.column} to follow a
 * reference one level. Without {@code groupBy} and {@code aggregates} the result lists {@code columns} of matching
 * records; with them, one row per group with the group fields and the aggregates. {@code sort} names a result column:
 * a field, or an aggregate's name ({@code count}, {@code sum_total}, {@code avg_customer_credit}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReportSpec(Long id, String name, String table, List<String> columns, List<Filter> filters,
        List<String> groupBy, List<Aggregate> aggregates, List<Sort> sort, Integer limit) {

    /** {@code op} as in listings; {@code value} for one-value operators, {@code values} for {@code in}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Filter(String column, String op, JsonNode value, List<JsonNode> values) {
    }

    /** {@code fn}: count, sum, avg, min, max; {@code column} is optional for count. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Aggregate(String fn, String column) {
    }

    public record Sort(String column, boolean desc) {
    }

    ReportSpec withFilters(List<Filter> newFilters) {
        return new ReportSpec(id, name, table, columns, newFilters, groupBy, aggregates, sort, limit);
    }

    ReportSpec withId(Long newId) {
        return new ReportSpec(newId, name, table, columns, filters, groupBy, aggregates, sort, limit);
    }
}
