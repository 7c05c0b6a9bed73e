package dev.cairn.export.web;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import dev.cairn.export.format.Formats;
import dev.cairn.export.http.ExportAccess;
import dev.cairn.export.http.ExportApi;
import dev.cairn.export.http.ExportHandlers;
import dev.cairn.export.http.ExportViews;
import dev.cairn.export.schedule.ExportMode;
import dev.cairn.export.service.ExportModule;
import dev.cairn.export.service.ExportRequest;
import dev.cairn.server.error.ServiceException;
import dev.cairn.server.http.Route;
import dev.cairn.server.web.Format;
import dev.cairn.server.web.Forms;
import dev.cairn.server.web.NavLink;
import dev.cairn.server.web.Pages;
import dev.cairn.server.web.WebKit;
import dev.cairn.workspace.members.Caller;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * The "Onsite copy" page ({@code /web/export}, the signed-in owner's own workspace, session only, CSRF on every POST,
 * no JavaScript needed): the recipients (add with a name and an {@code age1…} key, remove), "Export now" with the
 * formats, the history and full or incremental, the schedule (how often, by interval or cron line, formats, history,
 * full or incremental, what is kept; change or remove; paused while there is no recipient), the exports with status,
 * kind, size, time and a download link, and the signing key's fingerprint. Thread-safe.
 */
public final class ExportPages {
    public static final String BASE = "/web/export";
    public static final NavLink NAV = new NavLink("export", "Onsite copy", BASE, false);
    static final String TEMPLATES = "dev.cairn.export.web.templates";
    private static final Map<String, String> NOTICES = Map.of("recipient-added", "Recipient added.",
            "recipient-removed", "Recipient removed.", "export-deleted", "Export deleted.", "export-started",
            "Export started. Reload this page to see when it is done.", "schedule-saved", "Schedule saved.",
            "schedule-removed", "Schedule removed: exports run only when you start them.");
    private final Pages pages;
    private final ExportModule module;

    private ExportPages(Pages pages, ExportModule module) {
        this.pages = pages;
        this.module = module;
    }

    public static List<Route> routes(WebKit web, ExportModule module) {
        ExportPages p = new ExportPages(web.pages().withTemplates(TEMPLATES), module);
        ExportAccess owner = ExportApi.pageRole(module);
        return List.of(
                new Route(GET, BASE, owner, p::page),
                new Route(POST, BASE + "/recipients", owner, p::addRecipient),
                new Route(POST, BASE + "/recipients/{id}/remove", owner, p::removeRecipient),
                new Route(POST, BASE + "/exports", owner, p::exportNow),
                new Route(GET, BASE + "/exports/{id}/download", owner, new ExportHandlers(module)::download),
                new Route(POST, BASE + "/exports/{id}/delete", owner, p::deleteExport),
                new Route(POST, BASE + "/schedule", owner, p::saveSchedule),
                new Route(POST, BASE + "/schedule/remove", owner, p::removeSchedule));
    }

    void page(Context ctx) {
        show(ctx, 200, Forms.empty(), null);
    }

    void addRecipient(Context ctx) {
        Caller c = ExportAccess.caller(ctx);
        try {
            module.recipients().add(c.workspaceId(), Forms.field(ctx, "name"), Forms.field(ctx, "recipient"),
                    c.accountName());
        } catch (ServiceException e) {
            show(ctx, e.code().status(), Forms.of(ctx, "name", "recipient").message(Format.sentence(e.getMessage())),
                    null);
            return;
        }
        Pages.seeOther(ctx, BASE + "?done=recipient-added");
    }

    void removeRecipient(Context ctx) {
        module.recipients().remove(ExportAccess.caller(ctx).workspaceId(), number(ctx.pathParam("id")));
        Pages.seeOther(ctx, BASE + "?done=recipient-removed");
    }

    void exportNow(Context ctx) {
        Caller c = ExportAccess.caller(ctx);
        List<String> formats = ctx.formParams("format");
        if (formats.isEmpty()) {
            show(ctx, 422, Forms.empty(), "Choose at least one format.");
            return;
        }
        try {
            module.exports().start(c.workspaceId(), new ExportRequest(formats, ctx.formParam("history") != null,
                    "incremental".equals(ctx.formParam("mode")) ? ExportMode.INCREMENTAL : ExportMode.FULL,
                    ctx.formParam("software") != null),
                    c.accountName());
        } catch (ServiceException e) {
            show(ctx, e.code().status(), Forms.empty(), Format.sentence(e.getMessage()));
            return;
        }
        Pages.seeOther(ctx, BASE + "?done=export-started");
    }

    void deleteExport(Context ctx) throws java.io.IOException {
        Caller c = ExportAccess.caller(ctx);
        try {
            module.exports().delete(module.exports().get(c.workspaceId(), number(ctx.pathParam("id"))));
        } catch (ServiceException e) {
            show(ctx, e.code().status(), Forms.empty(), Format.sentence(e.getMessage()));
            return;
        }
        Pages.seeOther(ctx, BASE + "?done=export-deleted");
    }

    void saveSchedule(Context ctx) {
        Caller c = ExportAccess.caller(ctx);
        try {
            module.schedules().set(c.workspaceId(), ScheduleForm.setting(ctx), c.accountName());
        } catch (ServiceException e) {
            show(ctx, e.code().status(), Forms.empty(), null, Format.sentence(e.getMessage()));
            return;
        }
        Pages.seeOther(ctx, BASE + "?done=schedule-saved");
    }

    void removeSchedule(Context ctx) {
        module.schedules().remove(ExportAccess.caller(ctx).workspaceId());
        Pages.seeOther(ctx, BASE + "?done=schedule-removed");
    }

    private void show(Context ctx, int status, Forms recipientForm, String exportProblem) {
        show(ctx, status, recipientForm, exportProblem, null);
    }

    private void show(Context ctx, int status, Forms recipientForm, String exportProblem, String scheduleProblem) {
        Caller c = ExportAccess.caller(ctx);
        var key = ExportViews.KeyView.of(module.key());
        var recipients = module.recipients().list(c.workspaceId());
        pages.render(ctx, status, "exportPage.jte", pages.chrome(ctx, "Onsite copy", NAV.key()),
                "recipients", recipients.stream().map(OnsiteViews.RecipientRow::of).toList(),
                "exports", module.exports().list(c.workspaceId()).stream().map(OnsiteViews.ExportRow::of).toList(),
                "formats", Formats.NAMES, "form", recipientForm, "exportProblem", exportProblem,
                "fingerprint", key.fingerprint(), "publicKey", key.publicKey(),
                "notice", NOTICES.get(String.valueOf(ctx.queryParam("done"))), "schedule",
                module.schedules().get(c.workspaceId()).map(s -> OnsiteViews.ScheduleRow.of(s, recipients.isEmpty()))
                        .orElse(null),
                "scheduleProblem", scheduleProblem);
    }

    private static long number(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw ServiceException.notFound("no such id: " + s);
        }
    }
}
