package dev.cairn.workspace.web;

import dev.cairn.server.web.Forms;
import dev.cairn.server.web.Pages;
import dev.cairn.workspace.WorkspaceModule;
import dev.cairn.workspace.members.Caller;
import dev.cairn.workspace.model.ValidationException;
import dev.cairn.workspace.web.RecordViews.TableRow;
import dev.cairn.workspace.web.RecordViews.TemplateOption;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * The workspace's start page: its tables, the starter templates while it has none (owners start from one), and links
 * to the other workspaces the caller belongs to. Thread-safe.
 */
final class TablesPage {
    private final WsScope scope;
    private final WorkspaceModule ws;

    TablesPage(WsScope scope, WorkspaceModule ws) {
        this.scope = scope;
        this.ws = ws;
    }

    /** {@code GET /workspace}: the caller's own workspace. */
    void home(Context ctx) {
        Pages.seeOther(ctx, "/web/workspace/" + scope.pages().principal(ctx).accountName() + "/tables");
    }

    /** {@code GET .../tables} */
    void tables(Context ctx) {
        Caller c = scope.caller(ctx);
        List<TableRow> rows = ws.tables().list(c).stream()
                .map(t -> new TableRow(t.name(), Labels.of(t), t.columns().size())).toList();
        List<TemplateOption> templates = ws.templates().list().stream().map(t -> new TemplateOption(t.name(), t.title(),
                String.join(", ", t.tables().stream().map(Labels::of).toList()))).toList();
        scope.pages().render(ctx, 200, "wsTables.jte", scope.chrome(ctx, "Records"), "ws", WsScope.view(c),
                "tables", rows, "templates", templates, "others", others(c), "notice", WsScope.notice(ctx));
    }

    /** The other workspaces of the caller: {owner, role}, the caller's own first when it is elsewhere. */
    private List<String[]> others(Caller c) {
        List<String[]> others = new ArrayList<>();
        if (!c.workspaceOwner().equals(c.accountName())) {
            others.add(new String[] {c.accountName(), "owner"});
        }
        ws.workspaces().memberships(c.accountId()).stream().filter(m -> !m.account().equals(c.workspaceOwner()))
                .forEach(m -> others.add(new String[] {m.account(), m.role().wireName()}));
        return others;
    }

    /** {@code POST .../templates} with field {@code template}. */
    void applyTemplate(Context ctx) {
        Caller c = scope.caller(ctx);
        String name = Forms.field(ctx, "template");
        if (name == null || ws.templates().list().stream().noneMatch(t -> t.name().equals(name))) {
            throw ValidationException.of("template", "choose one of the templates");
        }
        ws.templates().apply(c, name, Forms.field(ctx, "samples") != null, Forms.field(ctx, "currency"));
        Pages.seeOther(ctx, WsScope.view(c).base() + "/tables?done=template");
    }
}
