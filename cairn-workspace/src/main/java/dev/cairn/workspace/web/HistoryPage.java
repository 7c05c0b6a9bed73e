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
                Format.time(ch.at(), ""), lines(t, ch))).toList();
        boolean deleted = !changes.isEmpty() && "delete".equals(changes.getLast().op());
        scope.pages().render(ctx, 200, "wsHistory.jte", scope.chrome(ctx, "History"), "ws", WsScope.view(c),
                "table", t.name(), "title", Labels.of(t), "id", id, "entries", entries, "deleted", deleted);
    }

    /** Each column the change touched, with its value before and after. */
    private static List<ChangeLine> lines(TableSpec t, Change ch) {
        Set<String> names = new LinkedHashSet<>();
        if (ch.old() != null) {
            names.addAll(ch.old().keySet());
        }
        if (ch.newValues() != null) {
            names.addAll(ch.newValues().keySet());
        }
        List<ChangeLine> lines = new ArrayList<>();
        for (String name : names) {
            String label = t.columns().stream().filter(col -> col.name().equals(name)).findFirst()
                    .map(Labels::of).orElse(name + " (removed)");
            lines.add(new ChangeLine(label, Labels.display(valueOf(ch.old(), name)),
                    Labels.display(valueOf(ch.newValues(), name))));
        }
        return lines;
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
