package dev.cairn.workspace.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.Computed;
import dev.cairn.workspace.model.StoredJson;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.model.WireValues;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Columns as rows of {@code ws_columns}: the flags in their own columns, the type's options (choices, scale, currency,
 * referenced table id, default, longest text, and a computed column's formula (stored form) or auto-number) as a JSON
 * object in {@code options}. Stateless.
 */
final class ColumnRows {
    private ColumnRows() {
    }

    /** The column of the current row of {@code SELECT * FROM ws_columns}. */
    static Column read(ResultSet rs) throws SQLException {
        JsonNode o = StoredJson.read(rs.getString("options"));
        List<String> choices = new ArrayList<>();
        o.path("choices").forEach(n -> choices.add(n.asText()));
        ColumnType type = ColumnType.fromWire(rs.getString("type")).orElseThrow();
        Column c = new Column(rs.getLong("id"), rs.getString("name"), rs.getString("label"), type,
                rs.getInt("required") != 0, rs.getInt("is_unique") != 0, rs.getInt("indexed") != 0, choices,
                o.path("scale").asInt(0), o.hasNonNull("currency") ? o.get("currency").asText() : null,
                o.hasNonNull("references") ? o.get("references").asLong() : null, null, o.path("maxLength").asInt(0),
                rs.getObject("removed_at") != null);
        return c.withDefault(Value.of(type, WireValues.decodeStored(c, o.get("default")))).withComputed(computed(o));
    }

    private static Computed computed(JsonNode o) {
        if (o.hasNonNull("formula")) {
            return new Computed.Formula(o.get("formula").asText());
        }
        JsonNode a = o.get("autoNumber");
        return a == null || a.isNull() ? null : new Computed.AutoNumber(a.path("prefix").asText(""),
                a.path("start").asLong(1), a.path("digits").asInt(0));
    }

    /** Stores what a checked formula gives (type, scale, currency) and its stored form. */
    static void retype(Handle h, Column c) {
        h.createUpdate("UPDATE ws_columns SET type = :type, options = :o WHERE id = :c")
                .bind("type", c.type().wireName()).bind("o", options(c)).bind("c", c.id()).execute();
    }

    /** Stores a new column at {@code position}; returns its id. */
    static long insert(Handle h, long tableId, int position, Column c) {
        return h.createQuery("INSERT INTO ws_columns (table_id, position, name, label, type, required, is_unique, "
                + "indexed, options) VALUES (:t, :p, :n, :l, :type, :req, :uq, :ix, :o) RETURNING id")
                .bind("t", tableId).bind("p", position).bind("n", c.name()).bind("l", c.label())
                .bind("type", c.type().wireName()).bind("req", c.required() ? 1 : 0).bind("uq", c.unique() ? 1 : 0)
                .bind("ix", c.indexed() ? 1 : 0).bind("o", options(c)).mapTo(Long.class).one();
    }

    /** Stores a column's changed label, rules and options. */
    static void update(Handle h, Column c) {
        h.createUpdate("UPDATE ws_columns SET label = :l, required = :req, is_unique = :uq, indexed = :ix, options = :o "
                + "WHERE id = :c").bind("l", c.label()).bind("req", c.required() ? 1 : 0).bind("uq", c.unique() ? 1 : 0)
                .bind("ix", c.indexed() ? 1 : 0).bind("o", options(c)).bind("c", c.id()).execute();
    }

    private static String options(Column c) {
        ObjectNode o = StoredJson.MAPPER.createObjectNode();
        if (!c.choices().isEmpty()) {
            c.choices().forEach(o.putArray("choices")::add);
        }
        o.put("scale", c.scale());
        if (c.currency() != null) {
            o.put("currency", c.currency());
        }
        if (c.references() != null) {
            o.put("references", c.references());
        }
        if (c.defaultValue() != null) {
            o.set("default", WireValues.toJsonNode(c.defaultValue().canonical()));
        }
        o.put("maxLength", c.maxLength());
        switch (c.computed()) {
            case Computed.Formula f -> o.put("formula", f.stored());
            case Computed.AutoNumber a -> o.putObject("autoNumber").put("prefix", a.prefix()).put("start", a.start())
                    .put("digits", a.digits());
            case null -> {
            }
        }
        return o.toString();
    }
}
