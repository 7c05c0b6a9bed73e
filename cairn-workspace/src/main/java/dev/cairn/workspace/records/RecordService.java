package dev.cairn.workspace.records;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.db.Dialect;
import dev.cairn.server.db.Rows;
import dev.cairn.server.error.ServiceException;
import dev.cairn.workspace.members.Caller;
import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.Computed;
import dev.cairn.workspace.model.FieldError;
import dev.cairn.workspace.model.InvalidValue;
import dev.cairn.workspace.model.Submitted;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.model.ValidationException;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.query.Condition;
import dev.cairn.workspace.query.SqlText;
import dev.cairn.workspace.schema.Schema;
import dev.cairn.workspace.write.WriteTx;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
    /** How an {@code id} field is read: as a whole number. */
    private static final Column ID = new Column(0, "id", null, ColumnType.INTEGER, false, false, false, List.of(), 0,
            null, null, null, 0, false);
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

    /** Creates a record from {@code input} (absent fields take their defaults). */
    public Record create(Caller caller, String table, RecordInput input) {
        return WriteTx.run(jdbi, caller, clock, tx -> {
            TableDef t = schema.table(tx, table);
            Map<Long, Object> values = insertable(tx, t, input);
            long id = RowSql.insert(tx.handle(), t, null, 1, tx.now(), values);
            tx.log(t.id(), id, "insert", 1L, null, RowSql.toHistory(t, values));
            return written(tx, t, new StoredRow(id, 1, values));
        });
    }

    /** Reads and checks a new record's fields (defaults applied); throws with every failure. */
    private Map<Long, Object> insertable(WriteTx tx, TableDef t, RecordInput input) {
        List<FieldError> errors = new ArrayList<>();
        Map<Long, Object> values = fields(t, input, errors, null);
        RecordChecks.attachments(tx, t, values, errors);
        for (Column c : t.columns()) {
            if (!input.fields().containsKey(c.name()) && c.defaultValue() != null) {
                values.put(c.id(), c.defaultFor(errors));
            }
            if (c.required() && values.get(c.id()) == null && errors.stream().noneMatch(e -> e.field()
                    .startsWith(c.name()))) {
                errors.add(new FieldError(c.name(), "is required"));
            }
        }
        ValidationException.throwIfAny(errors, "the record is invalid");
        RecordChecks.references(tx, schema, t, values);
        RecordChecks.unique(tx.handle(), t, values, null);
        return values;
    }

    /**
     * The canonical values of the input's fields by column id; unknown fields, {@code id} and {@code version} are
     * errors.
     */
    private static Map<Long, Object> fields(TableDef t, RecordInput input, List<FieldError> errors, Long updatingId) {
        if (input.unreadable() != null) {
            throw ValidationException.of(input.unreadable().field(), input.unreadable().message());
        }
        Map<Long, Object> values = new LinkedHashMap<>();
        for (var e : input.fields().entrySet()) {
            String name = e.getKey();
            if (name.equals("id") || name.equals("version")) {
                if (updatingId == null) {
                    errors.add(new FieldError(name, "is assigned by the server; leave it out"));
                } else if (name.equals("id") && !namesRecord(e.getValue(), updatingId)) {
                    errors.add(new FieldError("id", "does not match the record in the path (" + updatingId + ")"));
                }
                continue;
            }
            var column = t.column(name);
            if (column.isEmpty()) {
                errors.add(new FieldError(name, "no such column in table '" + t.name() + "'"));
                continue;
            }
            if (column.get().isComputed()) {
                errors.add(new FieldError(name, "is computed by the database ("
                        + (column.get().computed() instanceof Computed.Formula ? "a formula" : "an auto-number")
                        + "); leave it out"));
                continue;
            }
            values.put(column.get().id(), Value.canonicalOf(InvalidValue.readInto(e.getValue(), column.get(), name,
                    errors)));
        }
        return values;
    }

    /** The record as written; read back through the table's view when the database computes some of its values. */
    private static Record written(WriteTx tx, TableDef t, StoredRow row) {
        return RowSql.toRecord(t, t.hasComputed() ? RowSql.find(tx.handle(), t, row.id()).orElseThrow() : row);
    }

    /** Whether an {@code id} field names record {@code id} (read as a whole number). */
    private static boolean namesRecord(Submitted given, long id) {
        try {
            return given.read(ID, "id") instanceof Value.Whole w && w.value() == id;
        } catch (InvalidValue e) {
            return false;
        }
    }

    public Record get(Caller caller, String table, long id) {
        return reads.withHandle(h -> {
            TableDef t = schema.current(h, caller, table);
            return RowSql.toRecord(t, RowSql.find(h, t, id).orElseThrow(() -> RecordChecks.notFound(t, id)));
        });
    }

    /** The display value of each existing record of {@code ids} in {@code table} ({@link RecordNames#of}). */
    public Map<Long, String> names(Caller caller, String table, java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return reads.withHandle(h -> RecordNames.of(h, schema.current(h, caller, table), ids));
    }

    /** The ids of the records of {@code table} that {@code text} names ({@link RecordNames#find}), at most {@code max}. */
    public List<Long> named(Caller caller, String table, String text, int max) {
        return reads.withHandle(h -> RecordNames.find(h, schema.current(h, caller, table), text, max));
    }

    /**
     * Applies the input's fields to the record if it is still at {@code version}.
     *
     * @throws VersionConflictException if the record changed since that version (carries the current record)
     * @throws ServiceException {@code version-required} if {@code version} is null
     */
    public Record update(Caller caller, String table, long id, Long version, RecordInput input) {
        long expected = required(version);
        return WriteTx.run(jdbi, caller, clock, tx -> {
            TableDef t = schema.table(tx, table);
            StoredRow current = RowSql.find(tx.handle(), t, id).orElseThrow(() -> RecordChecks.notFound(t, id));
            if (current.version() != expected) {
                throw new VersionConflictException(expected, RowSql.toRecord(t, current));
            }
            List<FieldError> errors = new ArrayList<>();
            Map<Long, Object> changed = fields(t, input, errors, id);
            RecordChecks.attachments(tx, t, changed, errors);
            changed.entrySet().removeIf(e -> Objects.equals(e.getValue(), current.values().get(e.getKey()))
                    && errors.stream().noneMatch(x -> x.field().startsWith(t.columnById(e.getKey()).orElseThrow().name())));
            for (var e : changed.entrySet()) {
                Column c = t.columnById(e.getKey()).orElseThrow();
                if (c.required() && e.getValue() == null && errors.stream().noneMatch(x -> x.field().startsWith(c.name()))) {
                    errors.add(new FieldError(c.name(), "is required"));
                }
            }
            ValidationException.throwIfAny(errors, "the change is invalid");
            if (changed.isEmpty()) {
                return RowSql.toRecord(t, current);
            }
            RecordChecks.references(tx, schema, t, changed);
            RecordChecks.unique(tx.handle(), t, changed, id);
            long next = current.version() + 1;
            RowSql.update(tx.handle(), t, id, next, tx.now(), changed);
            Map<Long, Object> old = new LinkedHashMap<>();
            changed.keySet().forEach(k -> old.put(k, current.values().get(k)));
            tx.log(t.id(), id, "update", next, RowSql.toHistory(t, old), RowSql.toHistory(t, changed));
            Map<Long, Object> merged = new HashMap<>(current.values());
            merged.putAll(changed);
            return written(tx, t, new StoredRow(id, next, merged));
        });
    }

    private static long required(Long version) {
        if (version == null) {
            throw new ServiceException(ErrorCode.VERSION_REQUIRED, "send the version your change is based on, as "
                    + "If-Match: \"<version>\" or a 'version' field, so that concurrent changes are never lost");
        }
        return version;
    }

    /** Deletes a record (version optional; if given it must be current). Refused while other records reference it. */
    public void delete(Caller caller, String table, long id, Long version) {
        WriteTx.run(jdbi, caller, clock, tx -> {
            TableDef t = schema.table(tx, table);
            StoredRow current = RowSql.find(tx.handle(), t, id).orElseThrow(() -> RecordChecks.notFound(t, id));
            if (version != null && current.version() != version) {
                throw new VersionConflictException(version, RowSql.toRecord(t, current));
            }
            RecordChecks.notReferenced(tx, schema, t, id);
            tx.handle().createUpdate("DELETE FROM " + t.sql() + " WHERE id = :id").bind("id", id).execute();
            tx.log(t.id(), id, "delete", current.version(), RowSql.toHistory(t, current.values()), null);
            return null;
        });
    }

    /**
     * Brings a deleted record back with its id and values as they were, within {@link #RESTORE_WINDOW} of the
     * deletion. Columns added since get their default. Refused (nothing changed) if a unique value is taken by now or
     * a referenced record is gone.
     */
    public Record restore(Caller caller, String table, long id) {
        return WriteTx.run(jdbi, caller, clock, tx -> {
            TableDef t = schema.table(tx, table);
            if (RowSql.find(tx.handle(), t, id).isPresent()) {
                throw new ServiceException(ErrorCode.ALREADY_EXISTS, "record " + id + " of '" + t.name()
                        + "' exists; only deleted records can be restored");
            }
            var last = tx.handle().createQuery("SELECT op, version, at, old_values FROM ws_changes WHERE "
                    + "table_id = :t AND record_id = :r ORDER BY seq DESC").bind("t", t.id()).bind("r", id)
                    .setMaxRows(1).mapToMap().findFirst().filter(m -> "delete".equals(m.get("op")))
                    .orElseThrow(() -> ServiceException.notFound("table '" + t.name() + "' has no deleted record " + id));
            long deletedAt = ((Number) last.get("at")).longValue();
            if (deletedAt + RESTORE_WINDOW.toMillis() < tx.now()) {
                throw new ServiceException(ErrorCode.GONE, "record " + id + " was deleted more than "
                        + RESTORE_WINDOW.toDays() + " days ago and can no longer be restored");
            }
            Map<Long, Object> values = RowSql.fromHistory(t, (String) last.get("old_values"));
            for (Column c : t.columns()) {
                if (!values.containsKey(c.id()) && c.defaultValue() != null) {
                    values.put(c.id(), c.defaultFor(new ArrayList<>()));
                }
            }
            RecordChecks.references(tx, schema, t, values);
            RecordChecks.unique(tx.handle(), t, values, null);
            long version = ((Number) last.get("version")).longValue() + 1;
            RowSql.insert(tx.handle(), t, id, version, tx.now(), values);
            tx.log(t.id(), id, "restore", version, null, RowSql.toHistory(t, values));
            return RowSql.toRecord(t, new StoredRow(id, version, values));
        });
    }

    /** Every change of the record, oldest first (also after it was deleted). */
    public List<Change> history(Caller caller, String table, long id) {
        return reads.withHandle(h -> {
            TableDef t = schema.current(h, caller, table);
            List<Change> changes = h.createQuery("SELECT * FROM ws_changes WHERE table_id = :t AND record_id = :r "
                    + "ORDER BY seq").bind("t", t.id()).bind("r", id).map((rs, ctx) -> new Change(rs.getLong("seq"),
                    rs.getString("op"), Rows.nullableLong(rs, "version"), rs.getString("actor"),
                    Rows.instant(rs, "at"), RowSql.namedHistory(t, rs.getString("old_values")),
                    RowSql.namedHistory(t, rs.getString("new_values")))).list();
            if (changes.isEmpty()) {
                throw RecordChecks.notFound(t, id);
            }
            return changes;
        });
    }

    /** Records deleted within the restore window and not restored since: their last values, newest first. */
    public List<DeletedRecord> deleted(Caller caller, String table) {
        return reads.withHandle(h -> {
            TableDef t = schema.current(h, caller, table);
            return h.createQuery("SELECT c.record_id, c.version, c.at, c.actor, c.old_values FROM ws_changes c WHERE "
                    + "c.table_id = :t AND c.op = 'delete' AND c.at >= :since AND NOT EXISTS (SELECT 1 FROM ws_changes "
                    + "d WHERE d.table_id = c.table_id AND d.record_id = c.record_id AND d.seq > c.seq) ORDER BY c.seq "
                    + "DESC").bind("t", t.id()).bind("since", clock.millis() - RESTORE_WINDOW.toMillis())
                    .map((rs, ctx) -> new DeletedRecord(RowSql.toRecord(t, new StoredRow(rs.getLong(1), rs.getLong(2),
                            RowSql.fromHistory(t, rs.getString(5)))), Rows.instant(rs, "at"), rs.getString(4))).list();
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
            ValidationException.throwIfAny(errors, "the listing parameters are invalid");
            SqlText sql = new SqlText(schema.dialect()).withoutIndexOn(schema.dialect() == Dialect.SQLITE
                    ? SqlitePlanHints.broadColumns(h, t, sort) : Set.of()).append("SELECT * FROM " + t.readSql())
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
            List<Record> rows = sql.bindAll(h.createQuery(sql.toString()))
                    .map((rs, ctx) -> RowSql.toRecord(t, RowSql.read(rs, t))).list();
            boolean more = rows.size() > query.limit();
            return new RecordPage(more ? rows.subList(0, query.limit()) : rows, query.offset(), query.limit(), more);
        });
    }
}
