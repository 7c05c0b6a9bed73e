package dev.cairn.workspace.records;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A column as the API describes it (request and response). In requests, absent members take defaults: not required,
 * not unique, indexed unless {@code long_text} or {@code boolean}, scale 2, the type's longest text. {@code references}
 * names the target table.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ColumnSpec(String name, String label, String type, Boolean required, Boolean unique, Boolean indexed,
        List<String> choices, Integer scale, String currency, String references,
        @JsonProperty("default") JsonNode defaultValue, Integer maxLength) {

    /** A column of {@code type} with everything else defaulted. */
    public static ColumnSpec of(String name, String type) {
        return new ColumnSpec(name, null, type, null, null, null, null, null, null, null, null, null);
    }

    public ColumnSpec asRequired() {
        return new ColumnSpec(name, label, type, true, unique, indexed, choices, scale, currency, references,
                defaultValue, maxLength);
    }

    public ColumnSpec asUnique() {
        return new ColumnSpec(name, label, type, required, true, indexed, choices, scale, currency, references,
                defaultValue, maxLength);
    }

    public ColumnSpec withChoices(String... values) {
        return new ColumnSpec(name, label, type, required, unique, indexed, List.of(values), scale, currency,
                references, defaultValue, maxLength);
    }

    public ColumnSpec referencing(String table) {
        return new ColumnSpec(name, label, type, required, unique, indexed, choices, scale, currency, table,
                defaultValue, maxLength);
    }

    public ColumnSpec inCurrency(String code) {
        return new ColumnSpec(name, label, type, required, unique, indexed, choices, scale, code, references,
                defaultValue, maxLength);
    }

    public ColumnSpec withDefault(JsonNode value) {
        return new ColumnSpec(name, label, type, required, unique, indexed, choices, scale, currency, references,
                value, maxLength);
    }
}
