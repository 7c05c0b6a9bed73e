package dev.cairn.workspace.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.Submitted;
import dev.cairn.workspace.schema.ColumnSpec;
import dev.cairn.workspace.schema.TablePatch;
import dev.cairn.workspace.schema.TableSpec;
import java.util.List;

/**
 * Table definitions and changes as the API's JSON bodies ({@code Table}, the {@code PATCH} of a table), bound by
 * Jackson with the platform's strict reader, then turned into the schema's commands: type names into
 * {@link ColumnType}s (a name that is none is passed on for the service to report), defaults into values read against
 * the column they are for.
 */
final class TableBodies {
    private TableBodies() {
    }

    /** {@code {name, label?, columns: [Column]}} */
    record Table(String name, String label, List<Column> columns) {
        TableSpec spec() {
            return new TableSpec(name, label, specs(columns));
        }
    }

    /** {@code {name, label?, rename?, remove?, alter?, add?}} */
    record Patch(String name, String label, List<TablePatch.Rename> rename, List<String> remove, List<Column> alter,
            List<Column> add) {
        TablePatch patch() {
            return new TablePatch(name, label, rename, remove, specs(alter), specs(add));
        }
    }

    /**
     * {@code {name, label?, type, required?, unique?, indexed?, choices?, scale?, currency?, references?, default?,
     * maxLength?, formula?, autoNumber?}}; the type {@code formula} or {@code autonumber} (or none) with a formula or
     * an auto-number makes a computed column.
     */
    record Column(String name, String label, String type, Boolean required, Boolean unique, Boolean indexed,
            List<String> choices, Integer scale, String currency, String references,
            @JsonProperty("default") JsonNode defaultValue, Integer maxLength, String formula,
            ColumnSpec.AutoNumberSpec autoNumber) {
        ColumnSpec spec() {
            boolean computed = "formula".equals(type) || "autonumber".equals(type);
            ColumnType known = type == null || computed ? null : ColumnType.fromWire(type).orElse(null);
            String givenFormula = formula == null && "formula".equals(type) ? "" : formula;
            var givenNumber = autoNumber == null && "autonumber".equals(type)
                    ? new ColumnSpec.AutoNumberSpec(null, null, null) : autoNumber;
            return new ColumnSpec(name, label, known, required, unique, indexed, choices, scale, currency, references,
                    defaultValue == null ? null : defaultValue.isNull() ? Submitted.CLEAR : new JsonField(defaultValue),
                    maxLength, known == null && !computed ? type : null, givenFormula, givenNumber);
        }
    }

    private static List<ColumnSpec> specs(List<Column> columns) {
        return columns == null ? null : columns.stream().map(c -> c == null ? null : c.spec()).toList();
    }
}
