package dev.cairn.workspace.http;

import dev.cairn.server.http.Json;
import dev.cairn.server.http.Requests;
import dev.cairn.server.web.RequestBase;
import dev.cairn.workspace.mail.InvitationSender;
import dev.cairn.workspace.members.WorkspaceRole;
import dev.cairn.workspace.members.Workspaces;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Map;

/** Workspace members and invitations ({@code /api/v1/workspace/members}, {@code /invites}). */
final class MemberHandlers {
    private final Workspaces workspaces;
    private final InvitationSender invitations;

    MemberHandlers(Workspaces workspaces, InvitationSender invitations) {
        this.workspaces = workspaces;
        this.invitations = invitations;
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

    /** The created invitation: {@code emailSent} says whether the relay took the email, else the reason why not. */
    record Created(String email, WorkspaceRole role, String code, Instant expiresAt, String link, boolean emailSent,
            String emailNotSentReason) {
    }

    void invite(Context ctx) {
        InviteRequest r = Json.read(ctx, InviteRequest.class);
        InvitationSender.Sent sent = invitations.invite(WorkspaceCalls.caller(ctx), r.email(), r.role(),
                RequestBase.of(ctx));
        Workspaces.Invitation i = sent.invitation();
        WorkspaceHandlers.write(ctx, 201, new Created(i.email(), i.role(), i.code(), i.expiresAt(), sent.link(),
                sent.emailSent(), sent.notSentReason()));
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
