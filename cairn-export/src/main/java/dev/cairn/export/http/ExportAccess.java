package dev.cairn.export.http;

import dev.cairn.protocol.TokenScope;
import dev.cairn.server.auth.Principal;
import dev.cairn.server.error.ServiceException;
import dev.cairn.server.http.Authentication;
import dev.cairn.server.http.FeatureRole;
import dev.cairn.workspace.members.Caller;
import dev.cairn.workspace.members.WorkspaceRole;
import dev.cairn.workspace.members.Workspaces;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

/**
 * The one role of export routes: an owner of the workspace (its account, or a member with the owner role; ADR 27).
 * Changing anything (recipients, starting an export, the schedule) needs a {@code full} credential; listing, reading
 * and downloading take any token, a {@code read} token included, so a machine that pulls copies never holds a token
 * that can change anything (the bundles are encrypted to the owner's keys). The API takes header credentials or a session (with CSRF for
 * unsafe methods); the web page ({@code /web/export}) the session only. The workspace is the caller's own unless
 * {@code X-Cairn-Workspace} names another owner's. The resolved caller is in {@link #caller}.
 */
public final class ExportAccess implements FeatureRole {
    static final String HEADER = "X-Cairn-Workspace";
    private static final String ATTRIBUTE = "cairn.export.caller";
    private final Workspaces workspaces;
    private final boolean page;

    ExportAccess(Workspaces workspaces, boolean page) {
        this.workspaces = workspaces;
        this.page = page;
    }

    @Override
    public String toString() {
        return page ? "EXPORT_OWNER_PAGE" : "EXPORT_OWNER";
    }

    @Override
    public Principal authorize(Context ctx, Authentication authentication) {
        Principal p = authentication.caller(ctx, page);
        if (p == null) {
            return null;
        }
        Caller caller = workspaces.resolve(p.accountId(), p.accountName(), page ? null : ctx.header(HEADER), false);
        if (!caller.role().includes(WorkspaceRole.OWNER)) {
            throw ServiceException.forbidden("only an owner of workspace '" + caller.workspaceOwner()
                    + "' may export it; you are " + caller.role().wireName());
        }
        boolean reads = ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD;
        if (!reads && !p.scope().includes(TokenScope.FULL)) {
            throw ServiceException.forbidden("a '" + p.scope().wireName() + "' token only lists and downloads "
                    + "exports; use a full token or the web page to change them");
        }
        ctx.attribute(ATTRIBUTE, caller);
        return p;
    }

    /** The caller this role resolved. */
    public static Caller caller(Context ctx) {
        Caller c = ctx.attribute(ATTRIBUTE);
        if (c == null) {
            throw new IllegalStateException("no export caller on " + ctx.path() + ": the route's role is not export's");
        }
        return c;
    }
}
