package dev.cairn.workspace.web;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.error.ServiceException;
import dev.cairn.server.web.Forms;
import dev.cairn.server.web.Pages;
import dev.cairn.workspace.WorkspaceModule;
import dev.cairn.workspace.http.AttachmentHandlers;
import dev.cairn.workspace.members.Caller;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.ValidationException;
import dev.cairn.workspace.records.Record;
import dev.cairn.workspace.records.VersionConflictException;
import dev.cairn.workspace.schema.ColumnSpec;
import dev.cairn.workspace.schema.TableSpec;
import dev.cairn.workspace.web.RecordViews.Cell;
import dev.cairn.workspace.web.RecordViews.Field;
import dev.cairn.workspace.web.RecordViews.Shown;
import dev.cairn.workspace.web.RecordViews.Ws;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One record: the form generated from the column types (create; edit with the version for optimistic concurrency),
 * the values for viewers, and deletion after a confirmation. Refused values come back in the form with each message
 * next to its field; a stale edit comes back with the current values shown beside the fields that differ. Thread-safe.
 */
final class RecordPages {
    private final WsScope scope;
    private final WorkspaceModule ws;

    RecordPages(WsScope scope, WorkspaceModule ws) {
        this.scope = scope;
        this.ws = ws;
    }

    /** {@code GET .../tables/{table}/new} */
    void newRecord(Context ctx) {
        Caller c = scope.caller(ctx);
        TableSpec t = ws.tables().get(c, ctx.pathParam("table"));
        show(ctx, 200, c, t, null, 0, RecordForm.defaults(t), Map.of(), null, null);
    }

    /** {@code POST .../tables/{table}/records}: creates, then shows the new record; errors next to the fields. */
    void create(Context ctx) throws IOException {
        Caller c = scope.caller(ctx);
        TableSpec t = ws.tables().get(c, ctx.pathParam("table"));
        FormFiles.Received files = FormFiles.receive(ctx, c, t, RecordForm.submitted(ctx, t), ws.attachments());
        RecordForm form = files.form();
        if (!files.errors().isEmpty()) {
            show(ctx, files.status(), c, t, null, 0, form, files.errors(), null, "refused");
            return;
        }
        try {
            Record created = ws.records().create(c, t.name(), form.input(true));
            Pages.seeOther(ctx, WsScope.view(c).record(t.name(), created.id()) + "?done=created");
        } catch (ValidationException e) {
            show(ctx, e.code().status(), c, t, null, 0, form, form.errors(e), null, e.getMessage());
        }
    }

    /** {@code GET .../files/{id}}: an uploaded file of the workspace, as a download. */
    void file(Context ctx) throws IOException {
        AttachmentHandlers.send(ctx, ws.attachments().open(scope.caller(ctx), ctx.pathParam("id")));
    }

    /** {@code GET .../records/{id}}: the edit form for editors, the values for viewers. */
    void record(Context ctx) {
        Caller c = scope.caller(ctx);
        TableSpec t = ws.tables().get(c, ctx.pathParam("table"));
        long id = id(ctx);
        Record r = ws.records().get(c, t.name(), id);
        show(ctx, 200, c, t, id, r.version(), RecordForm.of(t, r), Map.of(), null, null);
    }

    /**
     * {@code POST .../records/{id}} with the form's {@code version}: a stale version is refused (409) and the form
     * comes back with the user's values kept and the current ones shown beside each field.
     */
    void update(Context ctx) throws IOException {
        Caller c = scope.caller(ctx);
        TableSpec t = ws.tables().get(c, ctx.pathParam("table"));
        long id = id(ctx);
        FormFiles.Received files = FormFiles.receive(ctx, c, t, RecordForm.submitted(ctx, t), ws.attachments());
        RecordForm form = files.form();
        long version = version(ctx);
        if (!files.errors().isEmpty()) {
            show(ctx, files.status(), c, t, id, version, form, files.errors(), null, "refused");
            return;
        }
        try {
            ws.records().update(c, t.name(), id, version, form.input(false));
            Pages.seeOther(ctx, WsScope.view(c).record(t.name(), id) + "?done=saved");
        } catch (VersionConflictException e) {
            Record current = e.current();
            show(ctx, 409, c, t, id, current.version(), form, Map.of(), RecordForm.of(t, current), "Someone else "
                    + "changed this record while you were editing it (it is now at version " + current.version()
                    + "). Your changes were not saved yet: they are still in the form, with the current values shown "
                    + "under each field that differs. Check them and save again.");
        } catch (ValidationException e) {
            show(ctx, e.code().status(), c, t, id, version, form, form.errors(e), null, e.getMessage());
        }
    }

    /** {@code GET .../records/{id}/delete}: asks first. */
    void confirmDelete(Context ctx) {
        showDelete(ctx, 200, null);
    }

    private void showDelete(Context ctx, int status, String problem) {
        Caller c = scope.caller(ctx);
        TableSpec t = ws.tables().get(c, ctx.pathParam("table"));
        long id = id(ctx);
        Record r = ws.records().get(c, t.name(), id);
        scope.pages().render(ctx, status, "wsDelete.jte", scope.chrome(ctx, "Delete record"), "ws", WsScope.view(c),
                "table", t.name(), "title", Labels.of(t), "id", id, "label", Labels.record(t, r), "version",
                r.version(), "form", problem == null ? Forms.empty() : Forms.empty().message(problem));
    }

    /** {@code POST .../records/{id}/delete} with the version seen on the confirmation page. */
    void delete(Context ctx) {
        Caller c = scope.caller(ctx);
        String table = ctx.pathParam("table");
        String v = Forms.field(ctx, "version");
        try {
            ws.records().delete(c, table, id(ctx), v == null || v.isBlank() ? null : version(ctx));
        } catch (VersionConflictException e) {
            showDelete(ctx, 409, "The record changed since you asked to delete it (it is now at version "
                    + e.current().version() + "). Check it, then confirm again if it should still go.");
            return;
        } catch (ServiceException e) {
            if (e.code() != ErrorCode.IN_USE) {
                throw e;
            }
            showDelete(ctx, 409, "This record cannot be deleted: " + e.getMessage());
            return;
        }
        Pages.seeOther(ctx, WsScope.view(c).table(table) + "?done=deleted");
    }

    /**
     * The form ({@code id} null: a new record) with {@code errors} by column and, after a refused stale edit, the
     * {@code current} values beside the fields that differ; viewers see the values.
     */
    private void show(Context ctx, int status, Caller c, TableSpec t, Long id, long version, RecordForm values,
            Map<String, String> errors, RecordForm current, String message) {
        Ws v = WsScope.view(c);
        RecordFields fields = new RecordFields(ws, c);
        ReferenceLabels references = new ReferenceLabels(ws, c);
        List<Field> controls = new ArrayList<>();
        List<Shown> shown = new ArrayList<>();
        for (ColumnSpec col : t.columns()) {
            String now = current == null || current.sameAs(values, col.name()) ? null
                    : currentText(col, current, references);
            if (!col.isComputed()) { // computed by the database: shown, never typed
                controls.add(fields.field(col, values.value(col.name()), values.currency(col.name()),
                        errors.get(col.name()), now, values.fileName(col.name())));
            }
            if (id != null) {
                shown.add(new Shown(Labels.of(col), shownValue(v, col, values, references)));
            }
        }
        Forms form = Forms.empty();
        if (message != null) {
            form.message(errors.isEmpty() ? message : "Please correct the marked fields.");
        }
        String title = id == null ? "New record in " + Labels.of(t) : ws.records().names(c, t.name(), List.of(id))
                .getOrDefault(id, dev.cairn.workspace.model.DisplayColumn.byId(id));
        boolean files = t.columns().stream().anyMatch(col -> col.type() == ColumnType.ATTACHMENT);
        scope.pages().render(ctx, status, "wsRecord.jte", scope.chrome(ctx, id == null ? title : title + " · "
                + Labels.of(t)), "ws", v, "table", t.name(),
                "tableTitle", Labels.of(t), "title", title, "id", id, "version", version, "fields", controls,
                "shown", shown, "form", form, "notice", WsScope.notice(ctx), "enctype",
                files ? "multipart/form-data" : null);
    }

    /** The stored value that differs from the form's, as "Current value: …" shows it. */
    private static String currentText(ColumnSpec col, RecordForm current, ReferenceLabels references) {
        String value = current.value(col.name());
        if (col.type() == ColumnType.REFERENCE && !value.isEmpty()) {
            return references.of(col, Long.parseLong(value));
        }
        if (col.type() == ColumnType.ATTACHMENT && !value.isEmpty()) {
            return current.fileName(col.name());
        }
        String currency = current.currency(col.name());
        return value.isEmpty() ? "(empty)" : value + (currency.isEmpty() ? "" : " " + currency);
    }

    /** A field's value as viewers see it. */
    private static Cell shownValue(Ws v, ColumnSpec col, RecordForm values, ReferenceLabels references) {
        String value = values.value(col.name());
        if (value.isEmpty()) {
            return new Cell("", null);
        }
        String currency = values.currency(col.name());
        return switch (col.type()) {
            case REFERENCE -> new Cell(references.of(col, Long.parseLong(value)), v.record(col.references(), value));
            case MONEY -> new Cell(moneyText(value, currency.isEmpty() ? col.currency() : currency), null);
            case BOOLEAN -> new Cell("true".equals(value) ? "Yes" : "No", null);
            case ATTACHMENT -> new Cell(values.fileName(col.name()), v.file(value));
            default -> new Cell(value, null);
        };
    }

    /** A money field's amount and currency as pages show money; as typed when the amount does not read. */
    private static String moneyText(String amount, String currency) {
        try {
            return dev.cairn.workspace.model.ValueText.money(new dev.cairn.workspace.model.Money(
                    new java.math.BigDecimal(amount), currency));
        } catch (NumberFormatException e) {
            return amount + " " + currency;
        }
    }

    static long id(Context ctx) {
        try {
            long id = Long.parseLong(ctx.pathParam("id"));
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw ServiceException.notFound("no record '" + ctx.pathParam("id") + "'");
    }

    private static long version(Context ctx) {
        try {
            return Long.parseLong(String.valueOf(RecordForm.field(ctx, "version")).strip());
        } catch (NumberFormatException e) {
            throw ValidationException.of("version", "the form lacks the record's version; reload the page");
        }
    }
}
