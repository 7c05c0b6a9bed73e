package dev.cairn.export.restore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.export.bundle.Manifest;
import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.Computed;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.model.WireValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tables of a copy as its manifest's {@code schema} defines them (docs/spec/export-format.md §3), with the ids
 * they had: what every reader reads the rows by, and what a restore makes the workspace's tables. A reference names
 * its table by name in the manifest and by id here.
 */
public final class CopySchema {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CopySchema() {
    }

    /** The manifest's tables, in the manifest's order; {@link CopyException} if the schema is not one. */
    public static List<TableDef> tables(Manifest manifest, long workspaceId) {
        JsonNode tables = JSON.valueToTree(manifest.schema()).path("tables");
        if (!tables.isArray()) {
            throw new CopyException("the manifest has no schema of tables");
        }
        Map<String, Long> ids = new HashMap<>();
        tables.forEach(t -> ids.put(t.path("name").asText(), t.path("id").asLong()));
        List<TableDef> out = new ArrayList<>();
        for (JsonNode t : tables) {
            List<Column> columns = new ArrayList<>();
            for (JsonNode c : t.path("columns")) {
                columns.add(column(c, ids, t.path("name").asText()));
            }
            out.add(new TableDef(t.path("id").asLong(), workspaceId, t.path("name").asText(), text(t, "label"),
                    columns));
        }
        return List.copyOf(out);
    }

    private static Column column(JsonNode c, Map<String, Long> tableIds, String table) {
        String typeName = c.path("type").asText();
        ColumnType type = ColumnType.fromWire(typeName).orElseThrow(() -> new CopyException("column " + table + "."
                + c.path("name").asText() + " has type '" + typeName + "', which this server does not know; "
                + "restore it into a newer cairn"));
        List<String> choices = new ArrayList<>();
        c.path("choices").forEach(n -> choices.add(n.asText()));
        Long references = null;
        if (c.hasNonNull("references")) {
            references = tableIds.get(c.get("references").asText());
            if (references == null) {
                throw new CopyException("column " + table + "." + c.path("name").asText() + " refers to table '"
                        + c.get("references").asText() + "', which the copy does not have");
            }
        }
        Column plain = new Column(c.path("id").asLong(), c.path("name").asText(), text(c, "label"), type,
                c.path("required").asBoolean(), c.path("unique").asBoolean(), c.path("indexed").asBoolean(), choices,
                c.path("scale").asInt(0), text(c, "currency"), references, null, c.path("maxLength").asInt(0), false);
        return plain.withDefault(Value.of(type, WireValues.decodeStored(plain, c.get("default"))))
                .withComputed(computed(c));
    }

    /** A computed column's formula (its stored form, with the ids the copy keeps) or auto-number; else null. */
    private static Computed computed(JsonNode c) {
        if (c.hasNonNull("formulaStored")) {
            return new Computed.Formula(c.get("formulaStored").asText());
        }
        JsonNode a = c.get("autoNumber");
        return a == null || a.isNull() ? null : new Computed.AutoNumber(a.path("prefix").asText(""),
                a.path("start").asLong(1), a.path("digits").asInt(0));
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
