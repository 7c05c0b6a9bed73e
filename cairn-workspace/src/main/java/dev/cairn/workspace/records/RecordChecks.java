package dev.cairn.workspace.records;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.error.ServiceException;
import dev.cairn.workspace.files.AttachmentService;
import dev.cairn.workspace.model.Attachment;
import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.FieldError;
import dev.cairn.workspace.model.SqlValues;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.model.ValidationException;
import dev.cairn.workspace.model.WireValues;
import dev.cairn.workspace.schema.Schema;
import dev.cairn.workspace.write.WriteTx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The checks of a record against other rows: unique values and references. Run inside a {@link WriteTx}, so no other
 * writer of the workspace can change the answer before the write commits.
 */
final class RecordChecks {
    private RecordChecks() {
    }

    /** Duplicate unique values among {@code values} (409 with one error per column). */
    static void unique(Handle h, TableDef t, Map<Long, Object> values, Long selfId) {
        List<FieldError> errors = new ArrayList<>();
        for (Column c : t.columns()) {
            Object v = values.get(c.id());
            if (!c.unique() || v == null) {
                continue;
            }
            var q = h.createQuery("SELECT id FROM " + t.sql() + " WHERE " + c.sql() + " = :v"
                    + (selfId == null ? "" : " AND id <> :self")).bind("v", SqlValues.toSqlScalar(c, v));
            if (selfId != null) {
                q.bind("self", selfId);
            }
            q.setMaxRows(1).mapTo(Long.class).findFirst().ifPresent(other -> errors.add(new FieldError(c.name(),
                    "'" + WireValues.toWire(v) + "' is already used by " + holder(h, t, other)
                    + "; values of this column are unique")));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(ErrorCode.ALREADY_EXISTS, "duplicate value: " + errors.getFirst().field()
                    + ": " + errors.getFirst().message(), errors);
        }
    }

    /** The record that holds a value, as people know it: {@code Café Lumière (record 3)}, or {@code record 3}. */
    private static String holder(Handle h, TableDef t, long id) {
        String name = RecordNames.of(h, t, List.of(id)).get(id);
        return name == null || name.equals("#" + id) ? "record " + id : name + " (record " + id + ")";
    }

    /** References among {@code values} to rows that do not exist (422 naming deleted rows as deleted). */
    static void references(WriteTx tx, Schema schema, TableDef t, Map<Long, Object> values) {
        Handle h = tx.handle();
        List<FieldError> errors = new ArrayList<>();
        for (Column c : t.columns()) {
            Object v = values.get(c.id());
            if (c.type() != ColumnType.REFERENCE || v == null) {
                continue;
            }
            // a reference points into its own workspace: its target is live iff it is among the live tables
            TableDef target = schema.tables(tx).stream().filter(x -> x.id() == c.references()).findFirst()
                    .orElse(null);
            boolean live = target != null;
            if (!live) {
                target = schema.byId(h, c.references());
            }
            boolean exists = live && h.createQuery("SELECT COUNT(*) FROM " + target.sql() + " WHERE id = :id")
                    .bind("id", v).mapTo(Long.class).one() > 0;
            if (!exists) {
                errors.add(new FieldError(c.name(), missing(h, target, (Long) v, live)));
            }
        }
        ValidationException.throwIfAny(errors, "a reference points to no record");
    }

    private static String missing(Handle h, TableDef target, long id, boolean live) {
        if (!live) {
            return "table '" + target.name() + "' was deleted";
        }
        return h.createQuery("SELECT at FROM ws_changes WHERE table_id = :t AND record_id = :r AND op = 'delete' "
                + "ORDER BY seq DESC").bind("t", target.id()).bind("r", id).setMaxRows(1).mapTo(Long.class).findFirst()
                .map(at -> "record " + id + " of table '" + target.name() + "' was deleted at " + Instant.ofEpochMilli(at))
                .orElse("table '" + target.name() + "' has no record " + id);
    }

    /**
     * Replaces each file among {@code values} by the upload of this workspace its id names, as the server recorded it
     * (name, type, size and digest never come from the request); an id this workspace has no upload of is an error
     * under the column's name (ADR 29).
     */
    static void attachments(WriteTx tx, TableDef t, Map<Long, Object> values, List<FieldError> errors) {
        for (var e : values.entrySet()) {
            if (e.getValue() instanceof Attachment a) {
                String column = t.columnById(e.getKey()).orElseThrow().name();
                AttachmentService.find(tx.handle(), tx.workspaceId(), a.id()).ifPresentOrElse(e::setValue,
                        () -> errors.add(new FieldError(column, "no file " + a.id() + " was uploaded to this "
                                + "workspace; upload it with POST /api/v1/workspace/attachments first")));
            }
        }
    }

    /** Refuses to delete a row other rows reference (409 naming one referencing row per column). */
    static void notReferenced(WriteTx tx, Schema schema, TableDef t, long id) {
        Handle h = tx.handle();
        List<String> users = new ArrayList<>();
        for (var ref : Schema.referencesTo(schema.tables(tx), t.id())) {
            TableDef from = ref.getKey();
            Column c = ref.getValue();
            h.createQuery("SELECT id FROM " + from.sql() + " WHERE " + c.sql() + " = :id" + (from.id() == t.id()
                    ? " AND id <> :id" : "")).bind("id", id).setMaxRows(1).mapTo(Long.class).findFirst()
                    .ifPresent(other -> users.add(from.name() + " " + other + " (column " + c.name() + ")"));
        }
        if (!users.isEmpty()) {
            throw new ServiceException(ErrorCode.IN_USE, "record " + id + " of '" + t.name() + "' is referenced by "
                    + String.join(", ", users) + "; change or delete those first");
        }
    }

    static ServiceException notFound(TableDef t, long id) {
        return ServiceException.notFound("table '" + t.name() + "' has no record " + id);
    }
}
