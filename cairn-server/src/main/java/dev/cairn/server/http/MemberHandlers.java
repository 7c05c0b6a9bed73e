package dev.cairn.server.http;

import dev.cairn.server.records.Workspaces;
import io.javalin.http.Context;
import java.util.Map;

/** Workspace members and invitations ({@code /api/v1/workspace/members}, {@code /invites}). */
final class MemberHandlers {
    private final Workspaces workspaces;

    MemberHandlers(Workspaces workspaces) {
        this.workspaces = workspaces;
    }

    /** The request bodies of this resource. */
    record InviteRequest(String email, String role) {
    }

    record AcceptRequest(String code) {
    }

    record RoleRequest(String role) {
    }

    void list(Context ctx) {
        WorkspaceHandlers.write(ctx, 200, workspaces.members(WorkspaceCalls.caller(ctx)));
    }

    void invite(Context ctx) {
        InviteRequest r = Json.read(ctx, InviteRequest.class);
        WorkspaceHandlers.write(ctx, 201, workspaces.invite(WorkspaceCalls.caller(ctx), r.email(), r.role()));
    }

    /** Any account accepts an invitation sent to its email; returns the workspace to name in X-Cairn-Workspace. */
    void accept(Context ctx) {
        String owner = workspaces.accept(Requests.principal(ctx).accountId(), Json.read(ctx, AcceptRequest.class)
                .code());
        WorkspaceHandlers.write(ctx, 200, Map.of("workspace", owner));
    }

    void setRole(Context ctx) {
        workspaces.setRole(WorkspaceCalls.caller(ctx), ctx.pathParam("member"), Json.read(ctx, RoleRequest.class)
                .role());
        ctx.status(204);
    }

    void remove(Context ctx) {
        workspaces.remove(WorkspaceCalls.caller(ctx), ctx.pathParam("member"));
        ctx.status(204);
    }
}
