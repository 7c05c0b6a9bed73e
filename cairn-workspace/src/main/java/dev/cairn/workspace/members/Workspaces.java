package dev.cairn.workspace.members;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.auth.RandomBytes;
import dev.cairn.server.auth.Secrets;
import dev.cairn.server.db.Rows;
import dev.cairn.server.error.ServiceException;
import dev.cairn.workspace.model.FieldError;
import dev.cairn.workspace.model.ValidationException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Workspaces and their members. Each tenant (account) has exactly one workspace, created on first use, of which it is
 * the owner; the owner invites other accounts by email with a role. Access is decided here: who may act on which
 * workspace, with which role. Thread-safe.
 */
public final class Workspaces {
    static final Duration INVITE_VALIDITY = Duration.ofDays(14);
    private final Jdbi jdbi;
    private final Jdbi reads;
    private final InstantSource clock;
    private final RandomBytes random;

    public Workspaces(Jdbi jdbi, Jdbi reads, InstantSource clock, RandomBytes random) {
        this.jdbi = jdbi;
        this.reads = reads;
        this.clock = clock;
        this.random = random;
    }

    /**
     * The caller's access to the workspace of account {@code ownerName} (null or their own name: their own workspace,
     * created if needed). {@code readOnly} credentials (a {@code read} or {@code append} token) act as viewers.
     *
     * @throws ServiceException {@code not-found} if the caller is not a member of that workspace (whether or not it
     *                          exists, so that membership probing reveals nothing)
     */
    public Caller resolve(long accountId, String accountName, String ownerName, boolean readOnly) {
        WorkspaceRole role;
        Found workspace;
        String owner;
        if (ownerName == null || ownerName.isEmpty() || ownerName.equals(accountName)) {
            workspace = ensure(accountId, accountName);
            owner = accountName;
            role = WorkspaceRole.OWNER;
        } else {
            var membership = reads.withHandle(h -> h.createQuery("SELECT w.id, w.schema_version, m.role FROM workspaces "
                    + "w JOIN accounts a ON a.id = w.account_id JOIN ws_members m ON m.workspace_id = w.id WHERE "
                    + "a.name = :o AND m.account_id = :me").bind("o", ownerName).bind("me", accountId)
                    .map((rs, ctx) -> new Membership(new Found(rs.getLong(1), rs.getLong(2)), rs.getString(3)))
                    .findOne());
            Membership m = membership.orElseThrow(() -> ServiceException.notFound("no workspace '" + ownerName
                    + "' that you are a member of"));
            workspace = m.workspace();
            owner = ownerName;
            role = WorkspaceRole.fromWire(m.role()).orElseThrow();
        }
        return new Caller(workspace.id(), owner, accountId, accountName, readOnly ? WorkspaceRole.VIEWER : role,
                workspace.schemaVersion());
    }

    /**
     * The id and committed schema version of account {@code accountId}'s workspace, creating the workspace on first
     * use: one primary-key lookup per request, which also spares the request's reads their own version lookup.
     */
    Found ensure(long accountId, String accountName) {
        Optional<Found> existing = reads.withHandle(h -> idOf(h, accountId));
        if (existing.isPresent()) {
            return existing.get();
        }
        return jdbi.withHandle(h -> {
            Optional<Found> id = idOf(h, accountId);
            if (id.isPresent()) {
                return id.get();
            }
            h.createUpdate("INSERT INTO workspaces (account_id, name, created_at) VALUES (:a, :n, :now) "
                    + "ON CONFLICT (account_id) DO NOTHING").bind("a", accountId).bind("n", accountName)
                    .bind("now", clock.millis()).execute();
            return idOf(h, accountId).orElseThrow();
        });
    }

    /** The workspace's name, as reports and shared pages show it. */
    public String name(long workspaceId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT name FROM workspaces WHERE id = :w").bind("w", workspaceId)
                .mapTo(String.class).findOne()).orElseThrow(() -> ServiceException.notFound("no workspace "
                        + workspaceId));
    }

    private static Optional<Found> idOf(Handle h, long accountId) {
        return h.createQuery("SELECT id, schema_version FROM workspaces WHERE account_id = :a").bind("a", accountId)
                .map((rs, ctx) -> new Found(rs.getLong(1), rs.getLong(2))).findOne();
    }

    /** A workspace as one lookup finds it: its id and its committed schema version. */
    record Found(long id, long schemaVersion) {
    }

    /** A workspace the caller is a member of, and the member's role there (wire name). */
    private record Membership(Found workspace, String role) {
    }

    /** The owner first, then the members by account name. */
    public List<Member> members(Caller caller) {
        return jdbi.withHandle(h -> members(h, caller.workspaceId()));
    }

    /** The owner first, then the members by account name, read on {@code h} (a snapshot's). */
    public static List<Member> members(Handle h, long workspaceId) {
        List<Member> out = new ArrayList<>();
        out.add(h.createQuery("SELECT a.name, a.email, w.created_at FROM workspaces w JOIN accounts a ON a.id = "
                + "w.account_id WHERE w.id = :w").bind("w", workspaceId).map((rs, ctx) -> new Member(
                rs.getString(1), rs.getString(2), WorkspaceRole.OWNER, Rows.instant(rs, "created_at"))).one());
        out.addAll(h.createQuery("SELECT a.name, a.email, m.role, m.added_at FROM ws_members m JOIN accounts a ON "
                + "a.id = m.account_id WHERE m.workspace_id = :w ORDER BY a.name").bind("w", workspaceId)
                .map((rs, ctx) -> new Member(rs.getString(1), rs.getString(2),
                        WorkspaceRole.fromWire(rs.getString(3)).orElseThrow(), Rows.instant(rs, "added_at")))
                .list());
        return out;
    }

    /**
     * The other workspaces the account is a member of: {@code account} is each workspace's owner, with the account's
     * role there, by owner name.
     */
    public List<Member> memberships(long accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT a.name, a.email, m.role, m.added_at FROM ws_members m JOIN "
                + "workspaces w ON w.id = m.workspace_id JOIN accounts a ON a.id = w.account_id WHERE m.account_id = :me "
                + "ORDER BY a.name").bind("me", accountId).map((rs, ctx) -> new Member(rs.getString(1),
                rs.getString(2), WorkspaceRole.fromWire(rs.getString(3)).orElseThrow(), Rows.instant(rs, "added_at")))
                .list());
    }

    /** An invitation: the code is returned only here; the invitee accepts it while logged in with that email. */
    public record Invitation(String email, WorkspaceRole role, String code, java.time.Instant expiresAt) {
    }

    public Invitation invite(Caller caller, String givenEmail, String role) {
        List<FieldError> errors = new ArrayList<>();
        String email = givenEmail == null ? null : givenEmail.strip().toLowerCase(Locale.ROOT);
        if (!dev.cairn.server.account.EmailAddresses.isValid(email)) {
            errors.add(new FieldError("email", "give the email address of the person to invite"));
        }
        WorkspaceRole r = role == null ? null : WorkspaceRole.fromWire(role).orElse(null);
        if (r == null) {
            errors.add(new FieldError("role", "give one of owner, editor, viewer"));
        }
        ValidationException.throwIfAny(errors, "the invitation is invalid");
        String code = Secrets.newSecret(random, "cairn_inv_");
        long expires = clock.millis() + INVITE_VALIDITY.toMillis();
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO ws_invites (workspace_id, email, role, code_hash, created_at, "
                + "expires_at) VALUES (:w, :e, :r, :c, :now, :x)").bind("w", caller.workspaceId())
                .bind("e", email).bind("r", r.wireName()).bind("c", Secrets.hash(code))
                .bind("now", clock.millis()).bind("x", expires).execute());
        return new Invitation(email, r, code, java.time.Instant.ofEpochMilli(expires));
    }

    /** An invitation not yet accepted, expired or revoked (the code itself is never stored, so it is not here). */
    public record PendingInvitation(long id, String email, WorkspaceRole role, java.time.Instant createdAt,
            java.time.Instant expiresAt) {
    }

    /** The workspace's open invitations, newest first. */
    public List<PendingInvitation> invitations(Caller caller) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, email, role, created_at, expires_at FROM ws_invites "
                + "WHERE workspace_id = :w AND accepted_at IS NULL AND expires_at > :now ORDER BY created_at DESC, id DESC")
                .bind("w", caller.workspaceId()).bind("now", clock.millis())
                .map((rs, ctx) -> new PendingInvitation(rs.getLong("id"), rs.getString("email"),
                        WorkspaceRole.fromWire(rs.getString("role")).orElseThrow(), Rows.instant(rs, "created_at"),
                        Rows.instant(rs, "expires_at"))).list());
    }

    /** Revokes an open invitation: its code is refused from now on ({@code gone}, as an expired one). */
    public void revoke(Caller caller, long invitationId) {
        int n = jdbi.withHandle(h -> h.createUpdate("UPDATE ws_invites SET expires_at = :now WHERE id = :i AND "
                + "workspace_id = :w AND accepted_at IS NULL AND expires_at > :now").bind("now", clock.millis())
                .bind("i", invitationId).bind("w", caller.workspaceId()).execute());
        if (n == 0) {
            throw ServiceException.notFound("no open invitation " + invitationId + " in this workspace");
        }
    }

    /**
     * Makes the account a member with the invitation's role. The account's email must be the invited one.
     *
     * @return the name of the workspace's owner (what the member passes as {@code X-Cairn-Workspace})
     */
    public String accept(long accountId, String code) {
        return jdbi.inTransaction(h -> {
            var invite = h.createQuery("SELECT i.id, i.workspace_id, i.email, i.role, i.expires_at, i.accepted_at, "
                    + "w.account_id, a.name FROM ws_invites i JOIN workspaces w ON w.id = i.workspace_id JOIN accounts a"
                    + " ON a.id = w.account_id WHERE i.code_hash = :c").bind("c", Secrets.hash(code == null ? "" : code))
                    .mapToMap().findOne().orElseThrow(() -> ServiceException.notFound("no such invitation; ask the "
                            + "workspace owner for a new one"));
            String email = h.createQuery("SELECT email FROM accounts WHERE id = :a").bind("a", accountId)
                    .mapTo(String.class).one();
            long expires = ((Number) invite.get("expires_at")).longValue();
            if (invite.get("accepted_at") != null || expires <= clock.millis()) { // revoked: expires = then
                throw new ServiceException(ErrorCode.GONE, "this invitation was used or has expired; ask for a new one");
            }
            if (!email.equalsIgnoreCase((String) invite.get("email"))) {
                throw ServiceException.forbidden("this invitation is for another email address");
            }
            long workspaceId = ((Number) invite.get("workspace_id")).longValue();
            if (((Number) invite.get("account_id")).longValue() == accountId) {
                throw ServiceException.badRequest("you own this workspace already");
            }
            h.createUpdate("DELETE FROM ws_members WHERE workspace_id = :w AND account_id = :a").bind("w", workspaceId)
                    .bind("a", accountId).execute();
            h.createUpdate("INSERT INTO ws_members (workspace_id, account_id, role, added_at) VALUES (:w, :a, :r, :now)")
                    .bind("w", workspaceId).bind("a", accountId).bind("r", invite.get("role")).bind("now", clock.millis())
                    .execute();
            h.createUpdate("UPDATE ws_invites SET accepted_at = :now, accepted_by = :a WHERE id = :i")
                    .bind("now", clock.millis()).bind("a", accountId).bind("i", invite.get("id")).execute();
            return (String) invite.get("name");
        });
    }

    /** Changes a member's role. */
    public void setRole(Caller caller, String account, String role) {
        WorkspaceRole r = WorkspaceRole.fromWire(role == null ? "" : role).orElseThrow(() ->
                ValidationException.of("role", "give one of owner, editor, viewer"));
        int n = jdbi.withHandle(h -> h.createUpdate("UPDATE ws_members SET role = :r WHERE workspace_id = :w AND "
                + "account_id = (SELECT id FROM accounts WHERE name = :n)").bind("r", r.wireName())
                .bind("w", caller.workspaceId()).bind("n", account).execute());
        if (n == 0) {
            throw ServiceException.notFound("'" + account + "' is not a member (the owning account's role is fixed)");
        }
    }

    /** Removes a member. */
    public void remove(Caller caller, String account) {
        int n = jdbi.withHandle(h -> h.createUpdate("DELETE FROM ws_members WHERE workspace_id = :w AND account_id = "
                + "(SELECT id FROM accounts WHERE name = :n)").bind("w", caller.workspaceId()).bind("n", account)
                .execute());
        if (n == 0) {
            throw ServiceException.notFound("'" + account + "' is not a member");
        }
    }

    /** Drops the physical tables of the account's workspace (before the account's rows are forgotten). */
    public void purge(long accountId) {
        jdbi.useTransaction(h -> {
            List<Long> tables = h.createQuery("SELECT t.id FROM ws_tables t JOIN workspaces w ON w.id = t.workspace_id "
                    + "WHERE w.account_id = :a").bind("a", accountId).mapTo(Long.class).list();
            for (long id : tables) {
                h.execute("DROP VIEW IF EXISTS v_" + id); // views of computed columns (ADR 42) use other tables
            }
            for (long id : tables) {
                h.execute("DROP TABLE IF EXISTS r_" + id);
            }
            h.createUpdate("DELETE FROM ws_reports WHERE workspace_id IN (SELECT id FROM workspaces WHERE account_id = :a)")
                    .bind("a", accountId).execute();
            h.createUpdate("DELETE FROM workspaces WHERE account_id = :a").bind("a", accountId).execute();
        });
    }
}
