package dev.cairn.workspace.records;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.SqlValues;
import dev.cairn.workspace.model.StoredJson;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.model.WireValues;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Reading and writing rows of one physical user table, and their wire and history forms. Stateless. */
final class RowSql {
    private RowSql() {
    }

    static Optional<StoredRow> find(Handle h, TableDef t, long id) {
        return h.createQuery("SELECT * FROM " + t.readSql() + " WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> read(rs, t)).findOne();
    }

    static StoredRow read(ResultSet rs, TableDef t) throws SQLException {
        Map<Long, Object> values = new LinkedHashMap<>();
        for (Column c : t.allColumns()) {
            values.put(c.id(), SqlValues.read(rs, c));
        }
        return new StoredRow(rs.getLong("id"), rs.getLong("version"), values);
    }

    /** Inserts a row; {@code id} null lets the database assign it. Returns the id. */
    static long insert(Handle h, TableDef t, Long id, long version, long now, Map<Long, Object> values) {
        List<String> names = new ArrayList<>(List.of("version", "created_at", "updated_at"));
        List<Object> args = new ArrayList<>(List.of(version, now, now));
        if (id != null) {
            names.add("id");
            args.add(id);
        }
        for (Column c : t.allColumns()) {
            Object[] sql = SqlValues.toSql(c, values.get(c.id()));
            names.add(c.sql());
            args.add(sql[0]);
            if (sql.length > 1) {
                names.add(c.currencySql());
                args.add(sql[1]);
            }
        }
        var q = h.createQuery("INSERT INTO " + t.sql() + " (" + String.join(", ", names) + ") VALUES ("
                + String.join(", ", names.stream().map(n -> "?").toList()) + ") RETURNING id");
        for (int i = 0; i < args.size(); i++) {
            q.bind(i, args.get(i));
        }
        return q.mapTo(Long.class).one();
    }

    /** Writes {@code changed} columns and bumps the version. */
    static void update(Handle h, TableDef t, long id, long newVersion, long now, Map<Long, Object> changed) {
        List<String> sets = new ArrayList<>(List.of("version = ?", "updated_at = ?"));
        List<Object> args = new ArrayList<>(List.of(newVersion, now));
        for (var e : changed.entrySet()) {
            Column c = t.columnById(e.getKey()).orElseThrow();
            Object[] sql = SqlValues.toSql(c, e.getValue());
            sets.add(c.sql() + " = ?");
            args.add(sql[0]);
            if (sql.length > 1) {
                sets.add(c.currencySql() + " = ?");
                args.add(sql[1]);
            }
        }
        args.add(id);
        var u = h.createUpdate("UPDATE " + t.sql() + " SET " + String.join(", ", sets) + " WHERE id = ?");
        for (int i = 0; i < args.size(); i++) {
            u.bind(i, args.get(i));
        }
        u.execute();
    }

    /** The record the service returns: id, version, then the live columns' values by name. */
    static Record toRecord(TableDef t, StoredRow row) {
        return new Record(row.id(), row.version(), named(t, row.values()));
    }

    /** Canonical values by column id as values by the live columns' names, in column order. */
    static Map<String, Value> named(TableDef t, Map<Long, Object> values) {
        Map<String, Value> out = new LinkedHashMap<>();
        for (Column c : t.columns()) {
            out.put(c.name(), Value.of(c.type(), values.get(c.id())));
        }
        return out;
    }

    /** The history form: wire values keyed by column id, only the columns in {@code values}. */
    static String toHistory(TableDef t, Map<Long, Object> values) {
        return new HistoryJson(t).write(values);
    }

    /** Decodes a history form back to canonical values (columns that no longer exist are skipped). */
    static Map<Long, Object> fromHistory(TableDef t, String json) {
        Map<Long, Object> out = new LinkedHashMap<>();
        JsonNode node = StoredJson.read(json);
        for (var it = node.properties().iterator(); it.hasNext(); ) {
            var e = it.next();
            t.columnById(Long.parseLong(e.getKey())).ifPresent(c -> out.put(c.id(),
                    WireValues.decodeStored(c, e.getValue())));
        }
        return out;
    }

    /**
     * A history form as values keyed by column name (removed columns under their last name), in the order stored;
     * null for none. Values of columns purged since were removed from the history by the purge.
     */
    static Map<String, Value> namedHistory(TableDef t, String json) {
        if (json == null) {
            return null;
        }
        Map<String, Value> out = new LinkedHashMap<>();
        JsonNode node = StoredJson.read(json);
        for (var it = node.properties().iterator(); it.hasNext(); ) {
            var e = it.next();
            t.columnById(Long.parseLong(e.getKey())).ifPresent(c -> out.put(c.name(),
                    Value.of(c.type(), WireValues.decodeStored(c, e.getValue()))));
        }
        return out;
    }
}
