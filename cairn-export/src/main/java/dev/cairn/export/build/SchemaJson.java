package dev.cairn.export.build;

import dev.cairn.workspace.formula.Formulas;
import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.Computed;
import dev.cairn.workspace.model.TableDef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tables' definitions as the manifest's {@code schema}: per table its id, name, label and live columns with type,
 * required, unique, indexed, choices, scale, currency, the table a reference points to (by name), default (wire form)
 * and maximum length; a computed column (ADR 42) its formula (as people read it, and in its stored form with column
 * ids, which a restore uses) or its auto-number.
 */
final class SchemaJson {
    private SchemaJson() {
    }

    static Map<String, Object> of(List<TableDef> tables) {
        Map<Long, String> names = new LinkedHashMap<>();
        Map<Long, String> columnNames = new LinkedHashMap<>();
        tables.forEach(t -> names.put(t.id(), t.name()));
        tables.forEach(t -> t.allColumns().forEach(c -> columnNames.put(c.id(), c.name())));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tables", tables.stream().map(t -> table(t, names, columnNames)).toList());
        return out;
    }

    private static Map<String, Object> table(TableDef t, Map<Long, String> names, Map<Long, String> columnNames) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", t.id());
        out.put("name", t.name());
        out.put("label", t.label());
        out.put("columns", t.columns().stream().map(c -> column(c, names, columnNames)).toList());
        return out;
    }

    private static Map<String, Object> column(Column c, Map<Long, String> names, Map<Long, String> columnNames) {
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
        switch (c.computed()) {
            case Computed.Formula f -> {
                out.put("formula", Formulas.display(f.stored(), columnNames, names));
                out.put("formulaStored", f.stored());
            }
            case Computed.AutoNumber a -> out.put("autoNumber", Map.of("prefix", a.prefix(), "start", a.start(),
                    "digits", a.digits()));
            case null -> {
            }
        }
        return out;
    }
}
