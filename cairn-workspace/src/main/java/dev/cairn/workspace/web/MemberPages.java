package dev.cairn.workspace.web;

import dev.cairn.server.auth.Principal;
import dev.cairn.server.error.ServiceException;
import dev.cairn.server.web.Format;
import dev.cairn.server.web.Forms;
import dev.cairn.server.web.Pages;
import dev.cairn.server.web.RequestBase;
import dev.cairn.workspace.mail.InvitationSender;
import dev.cairn.workspace.members.Caller;
import dev.cairn.workspace.members.Member;
import dev.cairn.workspace.members.WorkspaceRole;
import dev.cairn.workspace.members.Workspaces;
import dev.cairn.workspace.model.ValidationException;
import dev.cairn.workspace.web.RecordViews.Option;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;

/**
 * Workspace members and invitations: the members with their roles (the owner changes roles and removes members; the
 * owning account itself is always an owner and cannot be removed, so a workspace never loses its last owner),
 * invitations by email with a role (emailed when a mail relay is configured), the open invitations (revocable), and the
 * invitation link, shown once to the owner to pass on, with what became of the email; the accept page for the invited account, whose email must be the invited one. Thread-safe.
 */
public final class MemberPages {
    private final WsScope scope;
    private final Workspaces workspaces;
    private final InvitationSender invitations;

    MemberPages(WsScope scope, Workspaces workspaces, InvitationSender invitations) {
        this.scope = scope;
        this.workspaces = workspaces;
        this.invitations = invitations;
    }

    /**
     * A just-created invitation: its link, and what became of its email: sent, not sent because no relay is
     * configured ({@code problem} null, {@code sent} false), or failed ({@code problem} says why).
     */
    public record Created(String email, String link, boolean sent, String problem) {
    }

    /** A member row: account, email, role, since, and the role options (null for the owning account). */
    public record MemberRow(String account, String email, String role, String since, List<Option> roles) {
    }

    /** An open invitation. */
    public record InviteRow(long id, String email, String role, String expires) {
    }

    /** {@code GET .../members} */
    public void page(Context ctx) {
        show(ctx, 200, Forms.empty().value("role", "editor"), null);
    }

    private void show(Context ctx, int status, Forms form, Created created) {
        Caller c = scope.caller(ctx);
        List<Member> members = workspaces.members(c);
        List<MemberRow> rows = members.stream().map(m -> new MemberRow(m.account(), m.email(), m.role().wireName(),
                Format.time(m.since(), ""), m.account().equals(c.workspaceOwner()) ? null : roles(m.role().wireName())))
                .toList();
        List<InviteRow> invites = c.role().includes(WorkspaceRole.OWNER) ? workspaces.invitations(c).stream()
                .map(i -> new InviteRow(i.id(), i.email(), i.role().wireName(), Format.time(i.expiresAt(), "")))
                .toList() : List.of();
        scope.pages().render(ctx, status, "wsMembers.jte", scope.chrome(ctx, "Members"), "ws", WsScope.view(c),
                "members", rows, "invites", invites, "form", form, "roles", roles(form.value("role")),
                "created", created, "notice", WsScope.notice(ctx));
    }

    /** {@code POST .../invites}: emails the invitation if a relay is configured; shows its link once either way. */
    public void invite(Context ctx) {
        Caller c = scope.caller(ctx);
        Forms form = Forms.of(ctx, "email", "role");
        try {
            var sent = invitations.invite(c, WsScope.field(ctx, "email"), WsScope.field(ctx, "role"),
                    RequestBase.of(ctx));
            show(ctx, 201, Forms.empty().value("role", "editor"), new Created(sent.invitation().email(), sent.link(),
                    sent.emailSent(), invitations.sendsEmail() ? sent.notSentReason() : null));
        } catch (ValidationException e) {
            show(ctx, e.code().status(), WsScope.withErrors(form, e.errors(), f -> f, e.getMessage()), null);
        }
    }

    /** {@code POST .../invites/{invite}/revoke} */
    public void revoke(Context ctx) {
        Caller c = scope.caller(ctx);
        workspaces.revoke(c, number(ctx.pathParam("invite")));
        Pages.seeOther(ctx, WsScope.view(c).members() + "?done=invite-revoked");
    }

    /** {@code POST .../members/{member}/role} */
    public void setRole(Context ctx) {
        Caller c = scope.caller(ctx);
        try {
            workspaces.setRole(c, ctx.pathParam("member"), WsScope.field(ctx, "role"));
        } catch (ValidationException e) {
            show(ctx, e.code().status(), Forms.empty().value("role", "editor").message(e.getMessage()), null);
            return;
        }
        Pages.seeOther(ctx, WsScope.view(c).members() + "?done=role-saved");
    }

    /** {@code POST .../members/{member}/remove} */
    public void remove(Context ctx) {
        Caller c = scope.caller(ctx);
        workspaces.remove(c, ctx.pathParam("member"));
        Pages.seeOther(ctx, WsScope.view(c).members() + "?done=member-removed");
    }

    /** {@code GET /web/invitation?code=}: the invited account confirms. */
    public void acceptPage(Context ctx) {
        showAccept(ctx, 200, ctx.queryParam("code"), null);
    }

    private void showAccept(Context ctx, int status, String code, String problem) {
        Principal p = scope.pages().principal(ctx);
        Forms form = Forms.empty().value("code", code);
        if (problem != null) {
            form.message(problem);
        }
        scope.pages().render(ctx, status, "wsInvitation.jte", scope.pages().chrome(ctx, "Invitation",
                WorkspaceWeb.NAV_KEY), "form", form, "account", p.accountName());
    }

    /** {@code POST /web/invitation} with the code: joins the workspace and opens it. */
    public void accept(Context ctx) {
        Principal p = scope.pages().principal(ctx);
        String code = WsScope.field(ctx, "code");
        String owner;
        try {
            owner = workspaces.accept(p.accountId(), code);
        } catch (ServiceException e) {
            showAccept(ctx, e.code().status(), code, e.getMessage());
            return;
        }
        Pages.seeOther(ctx, "/web/workspace/" + owner + "/tables?done=joined");
    }

    private static List<Option> roles(String selected) {
        return Arrays.stream(WorkspaceRole.values()).map(r -> new Option(r.wireName(), r.wireName(),
                r.wireName().equals(selected))).toList();
    }

    private static long number(String raw) {
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw ServiceException.notFound("no invitation '" + raw + "'");
        }
    }
}
