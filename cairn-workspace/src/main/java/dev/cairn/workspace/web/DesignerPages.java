package dev.cairn.workspace.web;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.error.ServiceException;
import dev.cairn.server.web.Forms;
import dev.cairn.server.web.Pages;
import dev.cairn.workspace.WorkspaceModule;
import dev.cairn.workspace.members.Caller;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.ValidationException;
import dev.cairn.workspace.reports.ReportSpec;
import dev.cairn.workspace.schema.ColumnSpec;
import dev.cairn.workspace.schema.ReportsInUseException;
import dev.cairn.workspace.schema.TablePatch;
import dev.cairn.workspace.schema.TableSpec;
import dev.cairn.workspace.web.DesignViews.DesignColumn;
import dev.cairn.workspace.web.RecordViews.Option;
import dev.cairn.workspace.web.RecordViews.Ws;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The table designer: create a table, add columns of every type with their rules and options, rename and change
 * columns, remove them (hidden, data kept until purged), rename and delete the table, purge what was removed. Every
 * change goes through the same service calls as the API ({@code TableService.patch}), so its checks apply unchanged;
 * a refused change comes back in its form with each message next to its field and the typed values kept. Viewers and
 * editors see the design read-only; the guard refuses their POSTs. Thread-safe.
 */
public final class DesignerPages {
    private final WsScope scope;
    private final WorkspaceModule ws;

    DesignerPages(WsScope scope, WorkspaceModule ws) {
        this.scope = scope;
        this.ws = ws;
    }

    /** {@code GET .../new-table} */
    public void newTable(Context ctx) {
        showNew(ctx, 200, Forms.empty().value("type", "text"));
    }

    /** {@code POST .../tables}: a table with its first column. */
    public void createTable(Context ctx) {
        Caller c = scope.caller(ctx);
        Forms form = Forms.of(ctx, withTableFields());
        String[] named = ColumnForms.nameAndLabel(WsScope.field(ctx, "table_name"), WsScope.field(ctx, "table_label"));
        try {
            TableSpec created = ws.tables().create(c, new TableSpec(named[0], named[1],
                    List.of(ColumnForms.toNew(ctx))));
            Pages.seeOther(ctx, WsScope.view(c).design(created.name()) + "?done=table-created");
        } catch (ValidationException e) {
            showNew(ctx, e.code().status(), WsScope.withErrors(form, e.errors(), DesignerPages::newTableField,
                    e.getMessage()));
        } catch (ServiceException e) {
            showNew(ctx, refusal(e), form.error("table_name", e.getMessage()));
        }
    }

    private void showNew(Context ctx, int status, Forms form) {
        Caller c = scope.caller(ctx);
        scope.pages().render(ctx, status, "wsNewTable.jte", scope.chrome(ctx, "New table"), "ws", WsScope.view(c),
                "form", form, "types", types(form.value("type")), "tables", tables(c, form.value("references")));
    }

    /** {@code GET .../tables/{table}/design} */
    public void design(Context ctx) {
        show(ctx, 200, null, null, Forms.empty(), null);
    }

    /** {@code POST .../tables/{table}/columns} */
    public void addColumn(Context ctx) {
        Caller c = scope.caller(ctx);
        String table = ctx.pathParam("table");
        Forms form = Forms.of(ctx, ColumnForms.FIELDS);
        try {
            ws.tables().patch(c, table, new TablePatch(null, null, null, null, null,
                    List.of(ColumnForms.toNew(ctx))));
            Pages.seeOther(ctx, WsScope.view(c).design(table) + "?done=column-added#columns");
        } catch (ValidationException e) {
            show(ctx, e.code().status(), null, null, WsScope.withErrors(form, e.errors(), ColumnForms::fieldOf,
                    e.getMessage()), null);
        } catch (ServiceException e) {
            show(ctx, refusal(e), null, null, form.message(e.getMessage()), null);
        }
    }

    /** {@code POST .../tables/{table}/columns/{column}}: rename and change rules in one transaction. */
    public void changeColumn(Context ctx) {
        Caller c = scope.caller(ctx);
        String table = ctx.pathParam("table");
        ColumnSpec current = column(c, table, ctx.pathParam("column"));
        String newName = WsScope.field(ctx, "name");
        boolean renamed = !newName.isEmpty() && !newName.equals(current.name());
        Forms form = Forms.of(ctx, ColumnForms.FIELDS);
        try {
            ws.tables().patch(c, table, new TablePatch(null, null, renamed ? List.of(new TablePatch.Rename(
                    current.name(), newName)) : null, null, List.of(ColumnForms.toAlter(ctx, current,
                    renamed ? newName : current.name())), null));
            Pages.seeOther(ctx, WsScope.view(c).design(table) + "?done=column-saved#columns");
        } catch (ReportsInUseException e) {
            show(ctx, refusal(e), current.name(), WsScope.withErrors(form, e.errors(), ColumnForms::fieldOf,
                    e.getMessage()), Forms.empty(), null);
        } catch (ValidationException e) {
            show(ctx, e.code().status(), current.name(), WsScope.withErrors(form, e.errors(), ColumnForms::fieldOf,
                    e.getMessage()), Forms.empty(), null);
        } catch (ServiceException e) {
            show(ctx, refusal(e), current.name(), form.message(e.getMessage()), Forms.empty(), null);
        }
    }

    /** {@code POST .../tables/{table}/columns/{column}/remove}: hidden, its data kept until purged. */
    public void removeColumn(Context ctx) {
        Caller c = scope.caller(ctx);
        String table = ctx.pathParam("table");
        ColumnSpec current = column(c, table, ctx.pathParam("column"));
        try {
            ws.tables().patch(c, table, new TablePatch(null, null, null, List.of(current.name()), null, null));
            Pages.seeOther(ctx, WsScope.view(c).design(table) + "?done=column-removed#columns");
        } catch (ServiceException e) {
            show(ctx, refusal(e), current.name(), ColumnForms.valuesOf(current).message("The column was not "
                    + "removed: " + e.getMessage()), Forms.empty(), null);
        }
    }

    /** {@code POST .../tables/{table}/design}: the table's name and label. */
    public void saveTable(Context ctx) {
        Caller c = scope.caller(ctx);
        String table = ctx.pathParam("table");
        String name = WsScope.field(ctx, "table_name");
        Forms form = Forms.of(ctx, "table_name", "table_label");
        try {
            ws.tables().patch(c, table, new TablePatch(name.isEmpty() ? null : name,
                    blankToNull(WsScope.field(ctx, "table_label")), null, null, null, null));
            Pages.seeOther(ctx, WsScope.view(c).design(name.isEmpty() ? table : name) + "?done=table-saved");
        } catch (ValidationException e) {
            show(ctx, e.code().status(), null, null, Forms.empty(), WsScope.withErrors(form, e.errors(),
                    p -> p.equals("name") ? "table_name" : null, e.getMessage()));
        } catch (ServiceException e) {
            show(ctx, refusal(e), null, null, Forms.empty(), form.error("table_name", e.getMessage()));
        }
    }

    private void show(Context ctx, int status, String editing, Forms editForm, Forms addForm, Forms tableForm) {
        Caller c = scope.caller(ctx);
        Ws v = WsScope.view(c);
        TableSpec t = ws.tables().get(c, ctx.pathParam("table"));
        List<DesignColumn> columns = new ArrayList<>();
        for (ColumnSpec col : t.columns()) {
            boolean open = col.name().equals(editing);
            columns.add(new DesignColumn(col.name(), Labels.of(col), ColumnForms.kind(col),
                    ColumnForms.details(col, name -> Labels.of(ws.tables().get(c, name))),
                    ColumnForms.uniqueAllowed(col.type()) && !col.isComputed(), col.type().isTextual()
                    && !col.isComputed(), open ? editForm : ColumnForms.valuesOf(col), open, col.formula() != null,
                    col.autoNumber() != null));
        }
        Forms add = addForm.value("type").isEmpty() ? addForm.value("type", "text") : addForm;
        Forms tableValues = tableForm != null ? tableForm : Forms.empty().value("table_name", t.name())
                .value("table_label", t.label());
        String prefix = t.name() + ".";
        List<String> removed = ws.purger().pending(c).columns().stream().filter(n -> n.startsWith(prefix))
                .map(n -> n.substring(prefix.length())).toList();
        List<String> reports = ws.reports().list(c).stream().filter(r -> t.name().equals(r.table()))
                .map(ReportSpec::name).toList();
        scope.pages().render(ctx, status, "wsDesign.jte", scope.chrome(ctx, "Design " + Labels.of(t)),
                "ws", v, "table", t.name(), "title", Labels.of(t), "columns", columns, "add", add,
                "tableForm", tableValues, "types", types(add.value("type")), "tables", tables(c, add.value(
                        "references")), "removed", removed, "reports", reports, "notice", WsScope.notice(ctx));
    }

    /** {@code GET .../tables/{table}/delete-table}: asks first, saying what happens. */
    public void confirmDeleteTable(Context ctx) {
        showDeleteTable(ctx, 200, Forms.empty());
    }

    private void showDeleteTable(Context ctx, int status, Forms form) {
        Caller c = scope.caller(ctx);
        TableSpec t = ws.tables().get(c, ctx.pathParam("table"));
        Ws v = WsScope.view(c);
        scope.pages().render(ctx, status, "wsConfirm.jte", scope.chrome(ctx, "Delete table"), "ws", v,
                "title", "Delete the table " + Labels.of(t) + "?", "lines", List.of(
                        "The table and its records disappear from the workspace, the API and reports at once.",
                        "Its records and their history are kept until an owner purges removed data, so until then "
                                + "nothing is lost."), "action", v.base() + "/tables/" + t.name() + "/delete-table",
                "button", "Delete table " + t.name(), "cancel", v.design(t.name()), "form", form);
    }

    /** {@code POST .../tables/{table}/delete-table} */
    public void deleteTable(Context ctx) {
        Caller c = scope.caller(ctx);
        try {
            ws.tables().delete(c, ctx.pathParam("table"));
        } catch (ServiceException e) {
            if (e.code() != ErrorCode.IN_USE) {
                throw e;
            }
            showDeleteTable(ctx, 409, Forms.empty().message("The table was not deleted: " + e.getMessage()));
            return;
        }
        Pages.seeOther(ctx, WsScope.view(c).base() + "/tables?done=table-deleted");
    }

    /** {@code GET .../purge}: lists exactly what purging would destroy. */
    public void confirmPurge(Context ctx) {
        Caller c = scope.caller(ctx);
        Ws v = WsScope.view(c);
        var pending = ws.purger().pending(c);
        List<String> lines = new ArrayList<>();
        pending.tables().forEach(t -> lines.add("The deleted table " + t + ": all its records and their history."));
        pending.columns().forEach(col -> lines.add("The removed column " + col + ": its values, also in the history "
                + "of every record."));
        boolean nothing = lines.isEmpty();
        if (nothing) {
            lines.add("Nothing was removed or deleted since the last purge.");
        } else {
            lines.add("This cannot be undone, and restores from history no longer bring these values back.");
        }
        scope.pages().render(ctx, 200, "wsConfirm.jte", scope.chrome(ctx, "Purge removed data"), "ws", v,
                "title", nothing ? "Nothing to purge" : "Purge removed data for good?", "lines", lines,
                "action", nothing ? null : v.base() + "/purge", "button", "Purge for good",
                "cancel", v.base() + "/tables", "form", Forms.empty());
    }

    /** {@code POST .../purge} */
    public void purge(Context ctx) {
        Caller c = scope.caller(ctx);
        ws.purger().purge(c);
        Pages.seeOther(ctx, WsScope.view(c).base() + "/tables?done=purged");
    }

    // ---- helpers

    private ColumnSpec column(Caller c, String table, String name) {
        return ws.tables().get(c, table).columns().stream().filter(col -> col.name().equals(name)).findFirst()
                .orElseThrow(() -> ServiceException.notFound("no column '" + name + "' in '" + table + "'"));
    }

    private static String newTableField(String path) {
        return switch (path) {
            case "name" -> "table_name";
            case "label" -> "table_label";
            default -> path.startsWith("columns[") ? ColumnForms.fieldOf(path) : null;
        };
    }

    private static String[] withTableFields() {
        String[] all = Arrays.copyOf(ColumnForms.FIELDS, ColumnForms.FIELDS.length + 2);
        all[all.length - 2] = "table_name";
        all[all.length - 1] = "table_label";
        return all;
    }

    private static int refusal(ServiceException e) {
        return e.code().status();
    }

    private static List<Option> types(String selected) {
        List<Option> out = new ArrayList<>(Arrays.stream(ColumnType.values()).map(t -> new Option(t.wireName(),
                t.wireName().replace('_', ' '), t.wireName().equals(selected))).toList());
        out.add(new Option(ColumnForms.FORMULA, "formula (computed from other columns)",
                ColumnForms.FORMULA.equals(selected)));
        out.add(new Option(ColumnForms.AUTONUMBER, "auto-number (SO-1001, SO-1002, …)",
                ColumnForms.AUTONUMBER.equals(selected)));
        return out;
    }

    private List<Option> tables(Caller c, String selected) {
        List<Option> out = new ArrayList<>();
        out.add(new Option("", "(choose for a reference)", selected.isEmpty()));
        ws.tables().list(c).forEach(t -> out.add(new Option(t.name(), Labels.of(t),
                t.name().equals(selected))));
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
