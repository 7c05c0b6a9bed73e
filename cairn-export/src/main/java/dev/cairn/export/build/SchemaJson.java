package dev.cairn.export.build;

import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.TableDef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tables' definitions as the manifest's {@code schema}: per table its id, name, label and live columns with type,
 * required, unique, indexed, choices, scale, currency, the table a reference points to (by name), default (wire form)
 * and maximum length.
 */
final class SchemaJson {
    private SchemaJson() {
    }

    static Map<String, Object> of(List<TableDef> tables) {
        Map<Long, String> names = new LinkedHashMap<>();
        tables.forEach(t -> names.put(t.id(), t.name()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tables", tables.stream().map(t -> table(t, names)).toList());
        return out;
    }

    private static Map<String, Object> table(TableDef t, Map<Long, String> names) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", t.id());
        out.put("name", t.name());
        out.put("label", t.label());
        out.put("columns", t.columns().stream().map(c -> column(c, names)).toList());
        return out;
    }

    private static Map<String, Object> column(Column c, Map<Long, String> names) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", c.id());
        out.put("name", c.name());
        out.put("label", c.label());
        out.put("type", c.type().wireName());
        out.put("required", c.required());
        out.put("unique", c.unique());
        out.put("indexed", c.indexed());
        out.put("choices", c.choices());
        out.put("scale", c.scale());
        out.put("currency", c.currency());
        out.put("references", c.references() == null ? null : names.get(c.references()));
        out.put("default", c.defaultValue() == null ? null : c.defaultValue().wire());
        out.put("maxLength", c.maxLength());
        return out;
    }
}
