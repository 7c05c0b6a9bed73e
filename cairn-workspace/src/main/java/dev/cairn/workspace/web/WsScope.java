package dev.cairn.workspace.web;

import dev.cairn.server.web.Chrome;
import dev.cairn.server.web.Forms;
import dev.cairn.server.web.Pages;
import dev.cairn.workspace.http.WorkspaceCalls;
import dev.cairn.workspace.members.Caller;
import dev.cairn.workspace.members.WorkspaceRole;
import dev.cairn.workspace.model.FieldError;
import dev.cairn.workspace.web.RecordViews.Ws;
import io.javalin.http.Context;
import java.util.List;

/** What the workspace page handlers share: the caller the guard resolved, the workspace view, the page chrome. */
final class WsScope {
    private final Pages pages;

    WsScope(Pages pages) {
        this.pages = pages;
    }

    Pages pages() {
        return pages;
    }

    Caller caller(Context ctx) {
        return WorkspaceCalls.caller(ctx);
    }

    static Ws view(Caller c) {
        return new Ws(c.workspaceOwner(), "/web/workspace/" + c.workspaceOwner(), c.role().wireName(),
                c.role().includes(WorkspaceRole.EDITOR), c.role().includes(WorkspaceRole.OWNER));
    }

    Chrome chrome(Context ctx, String title) {
        return pages.chrome(ctx, title, WorkspaceWeb.NAV_KEY);
    }

    static String notice(Context ctx) {
        return Notices.of(ctx.queryParam("done"));
    }

    /** A submitted form field, stripped; "" when absent. */
    static String field(Context ctx, String name) {
        String v = Forms.field(ctx, name);
        return v == null ? "" : v.strip();
    }

    /**
     * Service errors onto a form, each as a sentence: {@code rename} maps request paths to form fields; what it cannot
     * place (null) goes into the form's message after {@code message}, so no error is dropped.
     */
    static Forms withErrors(Forms form, List<FieldError> errors, java.util.function.Function<String, String> rename,
            String message) {
        List<String> unplaced = new java.util.ArrayList<>();
        for (FieldError e : errors) {
            String f = rename.apply(e.field());
            String text = dev.cairn.server.web.Format.sentence(e.message());
            if (f == null) {
                unplaced.add(text);
            } else if (form.errorOf(f) == null) {
                form.error(f, text);
            } else {
                form.error(f, form.errorOf(f) + " " + text);
            }
        }
        if (!unplaced.isEmpty()) {
            return form.message(dev.cairn.server.web.Format.sentence(message) + " " + String.join(" ", unplaced));
        }
        return errors.isEmpty() ? form.message(message) : form;
    }
}
