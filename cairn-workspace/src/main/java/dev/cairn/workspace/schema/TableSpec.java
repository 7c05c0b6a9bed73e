package dev.cairn.workspace.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A table as the API describes it: {@code {name, label?, columns: [...]}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TableSpec(String name, String label, List<ColumnSpec> columns) {
}
