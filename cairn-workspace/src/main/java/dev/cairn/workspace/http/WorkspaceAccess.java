package dev.cairn.workspace.http;

import dev.cairn.protocol.TokenScope;
import dev.cairn.server.auth.Principal;
import dev.cairn.server.error.ServiceException;
import dev.cairn.server.http.Authentication;
import dev.cairn.server.http.FeatureRole;
import dev.cairn.workspace.members.Caller;
import dev.cairn.workspace.members.WorkspaceRole;
import dev.cairn.workspace.members.Workspaces;
import io.javalin.http.Context;

/**
 * A role of workspace routes: a viewer, editor or owner of the workspace acted on (viewer: read tables, records,
 * history, reports; editor: also change records, import, save reports, make and revoke share links; owner: also change
 * the schema and the members). The API takes header credentials
 * (any token, or the password) or a session (with CSRF for unsafe methods); {@code read}/{@code append} tokens act as
 * viewers whatever the member's role. The workspace is the caller's own unless {@code X-Cairn-Workspace} names the
 * owner of another one they are a member of. The web pages ({@code /web/workspace/{ws}/…}) name it in the path and take
 * the web session only: HTTP Basic credentials a browser cached could otherwise drive their forms from another site
 * without a CSRF token. On success the resolved {@link Caller} is in {@link WorkspaceCalls#caller}.
 */
public final class WorkspaceAccess implements FeatureRole {
    private final WorkspaceRole needed;
    private final Workspaces workspaces;

    private WorkspaceAccess(WorkspaceRole needed, Workspaces workspaces) {
        this.needed = needed;
        this.workspaces = workspaces;
    }

    /** The three roles of one server's workspace routes, resolving membership in {@code workspaces}. */
    public record Roles(WorkspaceAccess viewer, WorkspaceAccess editor, WorkspaceAccess owner) {
        public static Roles over(Workspaces workspaces) {
            return new Roles(new WorkspaceAccess(WorkspaceRole.VIEWER, workspaces),
                    new WorkspaceAccess(WorkspaceRole.EDITOR, workspaces),
                    new WorkspaceAccess(WorkspaceRole.OWNER, workspaces));
        }
    }

    /** {@code WORKSPACE_VIEWER}, {@code WORKSPACE_EDITOR} or {@code WORKSPACE_OWNER} (route listings, tests). */
    @Override
    public String toString() {
        return "WORKSPACE_" + needed.name();
    }

    @Override
    public Principal authorize(Context ctx, Authentication authentication) {
        boolean page = ctx.pathParamMap().containsKey(WorkspaceCalls.PATH_PARAM);
        Principal p = authentication.caller(ctx, page);
        if (p == null) {
            return null;
        }
        // web pages name the workspace in the path ({ws}); API calls in the header (absent: the caller's own)
        String named = ctx.pathParamMap().getOrDefault(WorkspaceCalls.PATH_PARAM, ctx.header(WorkspaceCalls.HEADER));
        Caller caller = workspaces.resolve(p.accountId(), p.accountName(), named,
                !p.scope().includes(TokenScope.FULL));
        if (!caller.role().includes(needed)) {
            throw ServiceException.forbidden("this needs the " + needed.wireName() + " role in workspace '"
                    + caller.workspaceOwner() + "'" + (p.scope().includes(TokenScope.FULL) ? "; you are "
                    + caller.role().wireName() : "; a '" + p.scope().wireName() + "' token only reads"));
        }
        WorkspaceCalls.set(ctx, caller);
        return p;
    }
}
