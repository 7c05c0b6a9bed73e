package dev.cairn.workspace.web;

import dev.cairn.server.web.Format;
import dev.cairn.server.web.Pages;
import dev.cairn.workspace.WorkspaceModule;
import dev.cairn.workspace.members.Caller;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.records.Change;
import dev.cairn.workspace.schema.TableSpec;
import dev.cairn.workspace.web.RecordViews.ChangeLine;
import dev.cairn.workspace.web.RecordViews.HistoryEntry;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A record's history: every change with who, when, and each field's value before and after (removed columns named as
 * such); a deleted record can be restored from it. Thread-safe.
 */
final class HistoryPage {
    private final WsScope scope;
    private final WorkspaceModule ws;

    HistoryPage(WsScope scope, WorkspaceModule ws) {
        this.scope = scope;
        this.ws = ws;
    }

    /** {@code GET .../records/{id}/history} */
    void history(Context ctx) {
        Caller c = scope.caller(ctx);
        TableSpec t = ws.tables().get(c, ctx.pathParam("table"));
        long id = RecordPages.id(ctx);
        List<Change> changes = ws.records().history(c, t.name(), id);
        List<HistoryEntry> entries = changes.stream().map(ch -> new HistoryEntry(ch.op(), ch.version(), ch.actor(),
                Format.time(ch.at(), ""), lines(t, ch, new ReferenceLabels(ws, c)))).toList();
        boolean deleted = !changes.isEmpty() && "delete".equals(changes.getLast().op());
        String name = ws.records().names(c, t.name(), List.of(id)).getOrDefault(id, lastName(t, changes, id));
        scope.pages().render(ctx, 200, "wsHistory.jte", scope.chrome(ctx, "History of " + name), "ws",
                WsScope.view(c), "table", t.name(), "title", Labels.of(t), "id", id, "name", name, "entries", entries,
                "deleted", deleted);
    }

    /** Each column the change touched, with its value before and after. */
    private static List<ChangeLine> lines(TableSpec t, Change ch, ReferenceLabels references) {
        Set<String> names = new LinkedHashSet<>();
        if (ch.old() != null) {
            names.addAll(ch.old().keySet());
        }
        if (ch.newValues() != null) {
            names.addAll(ch.newValues().keySet());
        }
        List<ChangeLine> lines = new ArrayList<>();
        for (String name : names) {
            var column = t.columns().stream().filter(col -> col.name().equals(name)).findFirst();
            String label = column.map(Labels::of).orElse(Labels.of(dev.cairn.workspace.schema.ColumnSpec.of(name,
                    null)) + " (removed)");
            lines.add(new ChangeLine(label, text(column.orElse(null), valueOf(ch.old(), name), references),
                    text(column.orElse(null), valueOf(ch.newValues(), name), references)));
        }
        return lines;
    }

    /** A deleted record's name: its display value as last recorded, else {@code #id}. */
    private static String lastName(TableSpec t, List<Change> changes, long id) {
        var column = dev.cairn.workspace.model.DisplayColumn.pick(t.columns(),
                dev.cairn.workspace.schema.ColumnSpec::name, dev.cairn.workspace.schema.ColumnSpec::type);
        for (Change ch : changes.reversed()) {
            for (Map<String, Value> values : java.util.Arrays.asList(ch.newValues(), ch.old())) {
                Value v = column.isEmpty() || values == null ? null : values.get(column.get().name());
                if (v != null) {
                    return Labels.display(v);
                }
            }
        }
        return dev.cairn.workspace.model.DisplayColumn.byId(id);
    }

    /** A value as the history shows it: referenced records by name. */
    private static String text(dev.cairn.workspace.schema.ColumnSpec col, Value v, ReferenceLabels references) {
        return col != null && v instanceof Value.Reference r ? references.of(col, r.id()) : Labels.display(v);
    }

    private static Value valueOf(Map<String, Value> values, String name) {
        return values == null ? null : values.get(name);
    }

    /** {@code POST .../records/{id}/restore} */
    void restore(Context ctx) {
        Caller c = scope.caller(ctx);
        String table = ctx.pathParam("table");
        long id = RecordPages.id(ctx);
        ws.records().restore(c, table, id);
        Pages.seeOther(ctx, WsScope.view(c).record(table, id) + "?done=restored");
    }
}
