package dev.cairn.workspace.web;

import dev.cairn.workspace.WorkspaceModule;
import dev.cairn.workspace.members.Caller;
import dev.cairn.workspace.model.FieldError;
import dev.cairn.workspace.model.ValidationException;
import dev.cairn.workspace.records.Record;
import dev.cairn.workspace.records.VersionConflictException;
import dev.cairn.workspace.schema.ColumnSpec;
import dev.cairn.workspace.schema.TableSpec;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST .../tables/{table}/records/{id}/cell}: one cell of the table grid saved in place, through the record
 * form's write path ({@link RecordForm} reads the field as the form does; the record service validates and checks the
 * version). The form fields are {@code column}, {@code value} (a money amount may end in its currency code),
 * optionally {@code currency}, and {@code version}, the record's version the grid showed. The CSRF token is checked by
 * the access guard like every other write. Answers JSON (see {@code docs/web-ui.md}):
 * <ul>
 *   <li>200 {@code {"row": html}}: the saved record's row, with its new version;</li>
 *   <li>400/422 {@code {"message": text}}: the value was refused; nothing changed;</li>
 *   <li>409 {@code {"message": text, "current": text, "row": html}}: the record changed since the grid showed it;
 *       nothing was overwritten; {@code row} is the current record's row, so a second save is a deliberate one.</li>
 * </ul>
 * Thread-safe.
 */
final class CellEdits {
    private final WsScope scope;
    private final WorkspaceModule ws;

    CellEdits(WsScope scope, WorkspaceModule ws) {
        this.scope = scope;
        this.ws = ws;
    }

    void save(Context ctx) {
        Caller c = scope.caller(ctx);
        TableSpec t = ws.tables().get(c, ctx.pathParam("table"));
        long id = RecordPages.id(ctx);
        ColumnSpec col = column(t, WsScope.field(ctx, "column"));
        String typed = WsScope.field(ctx, "value");
        RecordForm form = RecordForm.cell(t, col, typed, WsScope.field(ctx, "currency"));
        long version = version(ctx);
        GridCells grid = new GridCells(ws, c);
        try {
            Record saved = ws.records().update(c, t.name(), id, version, form.inputOf(col));
            answer(ctx, 200, Map.of("row", row(grid, t, saved)));
        } catch (VersionConflictException e) {
            Record current = e.current();
            String now = grid.row(t, current).cells().stream().filter(cell -> cell.column().equals(col.name()))
                    .findFirst().map(cell -> cell.text().isEmpty() ? "(empty)" : cell.text()).orElse("(empty)");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("message", "Someone else changed this record while you were editing it (it is now at version "
                    + current.version() + "). " + Labels.of(col) + " is now “" + now + "”; your “" + typed
                    + "” was not saved. Press Enter to save yours over it, or Escape to keep the current value.");
            body.put("current", now);
            body.put("row", row(grid, t, current));
            answer(ctx, 409, body);
        } catch (ValidationException e) {
            String message = form.errors(e).getOrDefault(col.name(), String.join("; ",
                    e.errors().stream().map(FieldError::message).toList()));
            answer(ctx, e.code().status(), Map.of("message", Labels.of(col) + ": " + (message.isEmpty()
                    ? e.getMessage() : message)));
        }
    }

    /** The grid column {@code name} of {@code t}, if it is edited in place. */
    private static ColumnSpec column(TableSpec t, String name) {
        ColumnSpec col = t.columns().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow(() ->
                ValidationException.of("column", "this table has no column '" + name + "'; reload the page"));
        if (!GridCells.inPlace(col)) {
            throw ValidationException.of("column", Labels.of(col) + " is edited in the record's form, not in the "
                    + "table");
        }
        return col;
    }

    private String row(GridCells grid, TableSpec t, Record r) {
        return scope.pages().renderToString("tag/wsGridRow.jte", null, "row", grid.row(t, r));
    }

    private static long version(Context ctx) {
        try {
            return Long.parseLong(WsScope.field(ctx, "version"));
        } catch (NumberFormatException e) {
            throw ValidationException.of("version", "the table lacks the record's version; reload the page");
        }
    }

    private static void answer(Context ctx, int status, Map<String, ?> body) {
        ctx.header("Cache-Control", "no-store");
        ctx.status(status).json(body);
    }
}
