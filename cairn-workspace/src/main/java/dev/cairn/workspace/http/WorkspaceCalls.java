package dev.cairn.workspace.http;

import dev.cairn.workspace.members.Caller;
import io.javalin.http.Context;

/** The workspace caller the guard resolved for a workspace route. */
public final class WorkspaceCalls {
    /** Names the owner of the workspace to act on; absent: the caller's own. */
    static final String HEADER = "X-Cairn-Workspace";
    /** The path parameter of the web pages' routes that names the workspace's owner ({@code /web/workspace/{ws}/...}). */
    static final String PATH_PARAM = "ws";
    private static final String ATTRIBUTE = "cairn.workspace.caller";

    private WorkspaceCalls() {
    }

    static void set(Context ctx, Caller caller) {
        ctx.attribute(ATTRIBUTE, caller);
    }

    public static Caller caller(Context ctx) {
        Caller caller = ctx.attribute(ATTRIBUTE);
        if (caller == null) {
            throw new IllegalStateException("no workspace caller on " + ctx.path() + ": the route's role is not a "
                    + "workspace role");
        }
        return caller;
    }
}
