package dev.cairn.workspace.reports;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.reports.ReportPlan.Agg;
import dev.cairn.workspace.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Saved report definitions back in the API's form: the stored definition names columns by id ({@link
 * ReportPlan#toStored()}), so renames of columns and tables carry over; here the ids become the names they have now.
 * Stateless.
 */
final class StoredReports {
    private StoredReports() {
    }

    /** The API form of a stored definition (names as they are now). */
    static ReportSpec toSpec(Handle h, Schema schema, TableDef t, long id, String name, JsonNode stored) {
        List<String> columns = names(h, schema, t, stored.path("columns"));
        List<String> groups = names(h, schema, t, stored.path("groupBy"));
        List<ReportSpec.Filter> filters = new ArrayList<>();
        for (JsonNode f : stored.path("filters")) {
            List<JsonNode> values = new ArrayList<>();
            f.path("values").forEach(values::add);
            String op = f.path("op").asText();
            boolean many = op.equals("in");
            filters.add(new ReportSpec.Filter(fieldName(h, schema, t, f), op, !many && values.size() == 1
                    ? values.getFirst() : null, many ? values : null));
        }
        List<ReportSpec.Aggregate> aggregates = new ArrayList<>();
        for (JsonNode a : stored.path("aggregates")) {
            aggregates.add(new ReportSpec.Aggregate(a.path("fn").asText(), a.has("column") ? fieldName(h, schema, t, a)
                    : null));
        }
        List<ReportSpec.Sort> sort = new ArrayList<>();
        for (JsonNode s : stored.path("sort")) {
            String field = s.has("column") ? fieldName(h, schema, t, s) : null;
            String output = s.has("fn") ? new Agg(s.path("fn").asText(), null).fn()
                    + (field == null ? "" : "_" + field.replace('.', '_')) : field;
            sort.add(new ReportSpec.Sort(output, s.path("desc").asBoolean()));
        }
        return new ReportSpec(id, name, t.name(), columns.isEmpty() ? null : columns, filters.isEmpty() ? null
                : filters, groups.isEmpty() ? null : groups, aggregates.isEmpty() ? null : aggregates,
                sort.isEmpty() ? null : sort, stored.path("limit").asInt(ReportPlan.DEFAULT_LIMIT));
    }

    private static List<String> names(Handle h, Schema schema, TableDef t, JsonNode fields) {
        List<String> out = new ArrayList<>();
        fields.forEach(f -> out.add(fieldName(h, schema, t, f)));
        return out;
    }

    private static String fieldName(Handle h, Schema schema, TableDef t, JsonNode f) {
        Column column;
        if (f.has("via")) {
            Column via = t.columnById(f.get("via").asLong()).orElseThrow();
            column = schema.byId(h, via.references()).columnById(f.get("column").asLong()).orElseThrow();
            return via.name() + "." + column.name();
        }
        return t.columnById(f.get("column").asLong()).orElseThrow().name();
    }
}
