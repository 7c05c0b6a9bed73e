package dev.cairn.workspace.records;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.db.Dialect;
import dev.cairn.server.db.Rows;
import dev.cairn.server.error.ServiceException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Records of user tables: create, read, list, update, delete, history and restore. Every write runs in a
 * {@link WriteTx}: validated completely before anything is written, logged in {@code ws_changes} with who, when, the old
 * and the new values, and all-or-nothing. Updates and deletes carry the version they were based on; a stale version is
 * refused with the current record. Deleted records can be restored for {@link #RESTORE_WINDOW}. Thread-safe.
 */
public final class RecordService {
    /** How long a deleted record can be restored. */
    public static final Duration RESTORE_WINDOW = Duration.ofDays(30);
    private final Jdbi jdbi;
    private final Jdbi reads;
    private final Schema schema;
    private final InstantSource clock;

    public RecordService(Jdbi jdbi, Jdbi reads, Schema schema, InstantSource clock) {
        this.jdbi = jdbi;
        this.reads = reads;
        this.schema = schema;
        this.clock = clock;
    }

    public Map<String, Object> create(Caller caller, String table, JsonNode body) {
        return WriteTx.run(jdbi, caller, clock, tx -> {
            TableDef t = tx.table(schema, table);
            Map<Long, Object> values = insertable(tx, t, body);
            long id = RowSql.insert(tx.h, t, null, 1, tx.now, values);
            tx.log(t.id(), id, "insert", 1L, null, RowSql.toHistory(t, values));
            return RowSql.toApi(t, new StoredRow(id, 1, values));
        });
    }

    /** Parses and checks a new record's fields (defaults applied); throws with every failure. */
    Map<Long, Object> insertable(WriteTx tx, TableDef t, JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        Map<Long, Object> values = fields(t, body, errors, null);
        for (Column c : t.columns()) {
            if (!body.has(c.name()) && c.defaultValue() != null) {
                values.put(c.id(), Values.fromJson(c, c.defaultValue(), c.name(), errors));
            }
            if (c.required() && values.get(c.id()) == null && errors.stream().noneMatch(e -> e.field()
                    .startsWith(c.name()))) {
                errors.add(new FieldError(c.name(), "is required"));
            }
        }
        Schema.throwIfAny(errors, "the record is invalid");
        RecordChecks.references(tx, schema, t, values);
        RecordChecks.unique(tx.h, t, values, null);
        return values;
    }

    /** The values of the body's fields by column id; unknown fields, {@code id} and {@code version} are errors. */
    private static Map<Long, Object> fields(TableDef t, JsonNode body, List<FieldError> errors, Long updatingId) {
        if (body == null || !body.isObject()) {
            throw ValidationException.of("(body)", "send the record as a JSON object keyed by column name");
        }
        Map<Long, Object> values = new LinkedHashMap<>();
        for (var it = body.properties().iterator(); it.hasNext(); ) {
            var e = it.next();
            String name = e.getKey();
            if (name.equals("id") || name.equals("version")) {
                if (updatingId == null) {
                    errors.add(new FieldError(name, "is assigned by the server; leave it out"));
                } else if (name.equals("id") && !(e.getValue().canConvertToLong()
                        && e.getValue().longValue() == updatingId)) {
                    errors.add(new FieldError("id", "does not match the record in the path (" + updatingId + ")"));
                }
                continue;
            }
            var column = t.column(name);
            if (column.isEmpty()) {
                errors.add(new FieldError(name, "no such column in table '" + t.name() + "'"));
                continue;
            }
            values.put(column.get().id(), Values.fromJson(column.get(), e.getValue(), name, errors));
        }
        return values;
    }

    public Map<String, Object> get(Caller caller, String table, long id) {
        return reads.withHandle(h -> {
            TableDef t = schema.current(h, caller, table);
            return RowSql.toApi(t, RowSql.find(h, t, id).orElseThrow(() -> RecordChecks.notFound(t, id)));
        });
    }

    /**
     * Applies the body's fields to the record if it is still at {@code version}.
     *
     * @throws VersionConflictException if the record changed since that version (carries the current record)
     */
    public Map<String, Object> update(Caller caller, String table, long id, Long version, JsonNode body) {
        long expected = versionOf(version, body);
        return WriteTx.run(jdbi, caller, clock, tx -> {
            TableDef t = tx.table(schema, table);
            StoredRow current = RowSql.find(tx.h, t, id).orElseThrow(() -> RecordChecks.notFound(t, id));
            if (current.version() != expected) {
                throw new VersionConflictException(expected, RowSql.toApi(t, current));
            }
            List<FieldError> errors = new ArrayList<>();
            Map<Long, Object> changed = fields(t, body, errors, id);
            changed.entrySet().removeIf(e -> Objects.equals(e.getValue(), current.values().get(e.getKey()))
                    && errors.stream().noneMatch(x -> x.field().startsWith(t.columnById(e.getKey()).orElseThrow().name())));
            for (var e : changed.entrySet()) {
                Column c = t.columnById(e.getKey()).orElseThrow();
                if (c.required() && e.getValue() == null && errors.stream().noneMatch(x -> x.field().startsWith(c.name()))) {
                    errors.add(new FieldError(c.name(), "is required"));
                }
            }
            Schema.throwIfAny(errors, "the change is invalid");
            if (changed.isEmpty()) {
                return RowSql.toApi(t, current);
            }
            RecordChecks.references(tx, schema, t, changed);
            RecordChecks.unique(tx.h, t, changed, id);
            long next = current.version() + 1;
            RowSql.update(tx.h, t, id, next, tx.now, changed);
            Map<Long, Object> old = new LinkedHashMap<>();
            changed.keySet().forEach(k -> old.put(k, current.values().get(k)));
            tx.log(t.id(), id, "update", next, RowSql.toHistory(t, old), RowSql.toHistory(t, changed));
            Map<Long, Object> merged = new HashMap<>(current.values());
            merged.putAll(changed);
            return RowSql.toApi(t, new StoredRow(id, next, merged));
        });
    }

    private static long versionOf(Long header, JsonNode body) {
        JsonNode v = body == null ? null : body.get("version");
        if (v != null && !v.isNull() && !v.canConvertToLong()) {
            throw ValidationException.of("version", "must be the record's version number");
        }
        Long fromBody = v == null || v.isNull() ? null : v.longValue();
        if (header != null && fromBody != null && !header.equals(fromBody)) {
            throw ValidationException.of("version", "If-Match says " + header + " but the body says " + fromBody);
        }
        Long version = header != null ? header : fromBody;
        if (version == null) {
            throw new ServiceException(ErrorCode.VERSION_REQUIRED, "send the version your change is based on, as "
                    + "If-Match: \"<version>\" or a 'version' field, so that concurrent changes are never lost");
        }
        return version;
    }

    /** Deletes a record (version optional; if given it must be current). Refused while other records reference it. */
    public void delete(Caller caller, String table, long id, Long version) {
        WriteTx.run(jdbi, caller, clock, tx -> {
            TableDef t = tx.table(schema, table);
            StoredRow current = RowSql.find(tx.h, t, id).orElseThrow(() -> RecordChecks.notFound(t, id));
            if (version != null && current.version() != version) {
                throw new VersionConflictException(version, RowSql.toApi(t, current));
            }
            RecordChecks.notReferenced(tx, schema, t, id);
            tx.h.createUpdate("DELETE FROM " + t.sql() + " WHERE id = :id").bind("id", id).execute();
            tx.log(t.id(), id, "delete", current.version(), RowSql.toHistory(t, current.values()), null);
            return null;
        });
    }

    /**
     * Brings a deleted record back with its id and values as they were, within {@link #RESTORE_WINDOW} of the
     * deletion. Columns added since get their default. Refused (nothing changed) if a unique value is taken by now or
     * a referenced record is gone.
     */
    public Map<String, Object> restore(Caller caller, String table, long id) {
        return WriteTx.run(jdbi, caller, clock, tx -> {
            TableDef t = tx.table(schema, table);
            if (RowSql.find(tx.h, t, id).isPresent()) {
                throw new ServiceException(ErrorCode.ALREADY_EXISTS, "record " + id + " of '" + t.name()
                        + "' exists; only deleted records can be restored");
            }
            var last = tx.h.createQuery("SELECT op, version, at, old_values FROM ws_changes WHERE table_id = :t AND "
                    + "record_id = :r ORDER BY seq DESC").bind("t", t.id()).bind("r", id).setMaxRows(1).mapToMap()
                    .findFirst().filter(m -> "delete".equals(m.get("op"))).orElseThrow(() -> ServiceException
                            .notFound("table '" + t.name() + "' has no deleted record " + id));
            long deletedAt = ((Number) last.get("at")).longValue();
            if (deletedAt + RESTORE_WINDOW.toMillis() < tx.now) {
                throw new ServiceException(ErrorCode.GONE, "record " + id + " was deleted more than "
                        + RESTORE_WINDOW.toDays() + " days ago and can no longer be restored");
            }
            Map<Long, Object> values = RowSql.fromHistory(t, (String) last.get("old_values"));
            for (Column c : t.columns()) {
                if (!values.containsKey(c.id()) && c.defaultValue() != null) {
                    values.put(c.id(), Values.fromJson(c, c.defaultValue(), c.name(), new ArrayList<>()));
                }
            }
            RecordChecks.references(tx, schema, t, values);
            RecordChecks.unique(tx.h, t, values, null);
            long version = ((Number) last.get("version")).longValue() + 1;
            RowSql.insert(tx.h, t, id, version, tx.now, values);
            tx.log(t.id(), id, "restore", version, null, RowSql.toHistory(t, values));
            return RowSql.toApi(t, new StoredRow(id, version, values));
        });
    }

    /** Every change of the record, oldest first (also after it was deleted). */
    public List<Change> history(Caller caller, String table, long id) {
        return reads.withHandle(h -> {
            TableDef t = schema.current(h, caller, table);
            List<Change> changes = h.createQuery("SELECT * FROM ws_changes WHERE table_id = :t AND record_id = :r "
                    + "ORDER BY seq").bind("t", t.id()).bind("r", id).map((rs, ctx) -> new Change(rs.getLong("seq"),
                    rs.getString("op"), Rows.nullableLong(rs, "version"), rs.getString("actor"),
                    Rows.instant(rs, "at"), RowSql.named(t, rs.getString("old_values")),
                    RowSql.named(t, rs.getString("new_values")))).list();
            if (changes.isEmpty()) {
                throw RecordChecks.notFound(t, id);
            }
            return changes;
        });
    }

    /** Records deleted within the restore window and not restored since: their last values, newest first. */
    public List<Map<String, Object>> deleted(Caller caller, String table) {
        return reads.withHandle(h -> {
            TableDef t = schema.current(h, caller, table);
            return h.createQuery("SELECT c.record_id, c.version, c.at, c.actor, c.old_values FROM ws_changes c WHERE "
                    + "c.table_id = :t AND c.op = 'delete' AND c.at >= :since AND NOT EXISTS (SELECT 1 FROM ws_changes "
                    + "d WHERE d.table_id = c.table_id AND d.record_id = c.record_id AND d.seq > c.seq) ORDER BY c.seq "
                    + "DESC").bind("t", t.id()).bind("since", clock.millis() - RESTORE_WINDOW.toMillis())
                    .map((rs, ctx) -> {
                        Map<String, Object> m = RowSql.toApi(t, new StoredRow(rs.getLong(1), rs.getLong(2),
                                RowSql.fromHistory(t, rs.getString(5))));
                        m.put("deletedAt", Rows.instant(rs, "at"));
                        m.put("deletedBy", rs.getString(4));
                        return m;
                    }).list();
        });
    }

    /** A page of records matching the query, in the asked order (then by id). */
    public RecordPage list(Caller caller, String table, RecordQuery query) {
        return reads.withHandle(h -> {
            TableDef t = schema.current(h, caller, table);
            List<FieldError> errors = new ArrayList<>();
            List<Condition> conditions = query.conditions(t, errors);
            List<RecordQuery.SortKey> sort = query.sortKeys(t, errors);
            query.checkPaging(errors);
            Schema.throwIfAny(errors, "the listing parameters are invalid");
            SqlText sql = new SqlText(schema.dialect()).withoutIndexOn(schema.dialect() == Dialect.SQLITE
                    ? SqlitePlanHints.broadColumns(h, t, sort) : Set.of()).append("SELECT * FROM " + t.sql())
                    .where("", conditions, t.columns().stream().filter(c -> c.type().isTextual()).toList(),
                            query.search());
            List<String> keys = new ArrayList<>();
            boolean idDesc = false;
            for (var k : sort) {
                if (k.column() == null) {
                    idDesc = k.descending();
                    break;
                }
                keys.add(sql.orderKey(k.column().sql(), k.descending()));
                idDesc = k.descending();
            }
            keys.add("id" + (idDesc ? " DESC" : " ASC"));
            sql.append(" ORDER BY " + String.join(", ", keys) + " LIMIT " + (query.limit() + 1) + " OFFSET "
                    + query.offset());
            List<Map<String, Object>> rows = sql.bindAll(h.createQuery(sql.toString()))
                    .map((rs, ctx) -> RowSql.toApi(t, RowSql.read(rs, t))).list();
            boolean more = rows.size() > query.limit();
            return new RecordPage(more ? rows.subList(0, query.limit()) : rows, query.offset(), query.limit(), more);
        });
    }
}
