package dev.cairn.workspace.shares;

import dev.cairn.server.db.Rows;
import dev.cairn.workspace.reports.FixedRow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The share tables ({@code ws_shares}, {@code ws_share_accesses}, {@code ws_share_unlocks}; V011): rows in, rows out,
 * no decisions. Each method is one short transaction. Thread-safe.
 */
final class ShareStore {
    /** How many log entries are kept per link by default (the counters on the link count all of them). */
    static final int KEPT_ACCESSES = 1000;
    private static final String LIST = "SELECT s.*, r.name AS current_report, c.name AS fixed_column FROM ws_shares s "
            + "LEFT JOIN ws_reports r ON r.id = s.report_id LEFT JOIN ws_columns c ON c.id = s.fixed_column_id ";

    private final Jdbi jdbi;
    private final int keptAccesses;

    /** @param keptAccesses how many log entries are kept per link; a multiple of 10 */
    ShareStore(Jdbi jdbi, int keptAccesses) {
        this.jdbi = jdbi;
        this.keptAccesses = keptAccesses;
    }

    /**
     * What the public side needs of a link: found by the hash of its token. {@code ownerActive}: whether the account
     * owning the workspace is active (not suspended, not being deleted).
     */
    record Row(long id, long workspaceId, String owner, boolean ownerActive, String ownerZone, Long reportId,
            String passphraseHash, FixedRow fixed, Long expiresAt, Long revokedAt) {
    }

    /** A new link; {@code fixed} may be null. Returns its id. */
    long insert(long workspaceId, long reportId, String reportName, String tokenHash, String passphraseHash,
            FixedRow fixed, long creatorId, String creator, long now, Long expiresAt) {
        return jdbi.withHandle(h -> h.createQuery("INSERT INTO ws_shares (workspace_id, report_id, report_name, "
                + "token_hash, passphrase_hash, fixed_column_id, fixed_record_id, created_by_id, created_by, created_at, "
                + "expires_at) VALUES (:w, :r, :n, :t, :p, :fc, :fr, :cid, :c, :now, :x) RETURNING id")
                .bind("w", workspaceId).bind("r", reportId).bind("n", reportName).bind("t", tokenHash)
                .bind("p", passphraseHash).bind("fc", fixed == null ? null : fixed.columnId())
                .bind("fr", fixed == null ? null : fixed.recordId()).bind("cid", creatorId).bind("c", creator)
                .bind("now", now).bind("x", expiresAt).mapTo(Long.class).one());
    }

    Optional<Row> byTokenHash(String tokenHash) {
        return jdbi.withHandle(h -> h.createQuery("SELECT s.*, a.name AS owner, a.status AS owner_status, a.time_zone AS owner_zone FROM ws_shares s JOIN workspaces w ON "
                + "w.id = s.workspace_id JOIN accounts a ON a.id = w.account_id WHERE s.token_hash = :t")
                .bind("t", tokenHash).map((rs, ctx) -> row(rs)).findOne());
    }

    private static Row row(ResultSet rs) throws SQLException {
        Long column = Rows.nullableLong(rs, "fixed_column_id");
        Long record = Rows.nullableLong(rs, "fixed_record_id");
        return new Row(rs.getLong("id"), rs.getLong("workspace_id"), rs.getString("owner"),
                "active".equals(rs.getString("owner_status")), rs.getString("owner_zone"), Rows.nullableLong(rs, "report_id"),
                rs.getString("passphrase_hash"),
                column == null || record == null ? null : new FixedRow(column, record),
                Rows.nullableLong(rs, "expires_at"), Rows.nullableLong(rs, "revoked_at"));
    }

    /** The workspace's links, newest first, as of {@code now} (for their status). */
    List<Share> list(long workspaceId, Instant now) {
        return jdbi.withHandle(h -> h.createQuery(LIST + "WHERE s.workspace_id = :w ORDER BY s.id DESC")
                .bind("w", workspaceId).map((rs, ctx) -> share(rs, now)).list());
    }

    Optional<Share> get(long workspaceId, long id, Instant now) {
        return jdbi.withHandle(h -> h.createQuery(LIST + "WHERE s.workspace_id = :w AND s.id = :id")
                .bind("w", workspaceId).bind("id", id).map((rs, ctx) -> share(rs, now)).findOne());
    }

    private static Share share(ResultSet rs, Instant now) throws SQLException {
        Long reportId = Rows.nullableLong(rs, "report_id");
        Instant expires = Rows.instant(rs, "expires_at");
        Instant revoked = Rows.instant(rs, "revoked_at");
        String status = revoked != null ? "revoked" : reportId == null ? "report-deleted"
                : expires != null && !now.isBefore(expires) ? "expired" : "active";
        Long record = Rows.nullableLong(rs, "fixed_record_id");
        Share.FixedTo fixed = record == null ? null : new Share.FixedTo(rs.getString("fixed_column"), record);
        String report = rs.getString("current_report");
        return new Share(rs.getLong("id"), reportId, report == null ? rs.getString("report_name") : report, status,
                rs.getString("passphrase_hash") != null, fixed, rs.getString("created_by"),
                Rows.instant(rs, "created_at"), expires, revoked, rs.getString("revoked_by"), rs.getLong("access_count"),
                Rows.instant(rs, "last_access_at"));
    }

    /** Revokes the link (idempotent: the first revocation's time and author stay); false if the workspace has none. */
    boolean revoke(long workspaceId, long id, long now, String by) {
        return jdbi.inTransaction(h -> {
            int n = h.createUpdate("UPDATE ws_shares SET revoked_at = COALESCE(revoked_at, :now), revoked_by = "
                    + "COALESCE(revoked_by, :by) WHERE id = :id AND workspace_id = :w").bind("now", now).bind("by", by)
                    .bind("id", id).bind("w", workspaceId).execute();
            h.createUpdate("DELETE FROM ws_share_unlocks WHERE share_id = :id").bind("id", id).execute();
            return n > 0;
        });
    }

    /** The link's most recent accesses, newest first. */
    List<ShareAccess> accesses(long shareId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM ws_share_accesses WHERE share_id = :s ORDER BY id DESC "
                + "LIMIT " + keptAccesses).bind("s", shareId).map((rs, ctx) -> new ShareAccess(
                        Rows.instant(rs, "at"), ShareOutcome.fromWire(rs.getString("outcome")).orElseThrow(),
                        rs.getString("what"), rs.getString("client"), rs.getString("user_agent"))).list());
    }

    /**
     * Appends to the link's access log and counts the access; every {@code keptAccesses}/10 accesses, entries older
     * than the newest {@code keptAccesses} are dropped, so a link hammered by a crawler keeps a bounded log.
     */
    void log(long shareId, ShareOutcome outcome, Visit visit, long now) {
        jdbi.useTransaction(h -> {
            h.createUpdate("INSERT INTO ws_share_accesses (share_id, at, outcome, what, client, user_agent) VALUES "
                    + "(:s, :at, :o, :w, :c, :ua)").bind("s", shareId).bind("at", now).bind("o", outcome.wireName())
                    .bind("w", visit.what()).bind("c", visit.client()).bind("ua", visit.userAgent()).execute();
            h.createUpdate("UPDATE ws_shares SET access_count = access_count + 1, last_access_at = :at WHERE id = :s")
                    .bind("at", now).bind("s", shareId).execute();
            long count = h.createQuery("SELECT access_count FROM ws_shares WHERE id = :s").bind("s", shareId)
                    .mapTo(Long.class).one();
            if (count % (keptAccesses / 10) == 0) {
                trim(h, shareId);
            }
        });
    }

    private void trim(Handle h, long shareId) {
        h.createQuery("SELECT id FROM ws_share_accesses WHERE share_id = :s ORDER BY id DESC LIMIT 1 OFFSET "
                + (keptAccesses - 1)).bind("s", shareId).mapTo(Long.class).findOne().ifPresent(oldestKept ->
                h.createUpdate("DELETE FROM ws_share_accesses WHERE share_id = :s AND id < :k").bind("s", shareId)
                        .bind("k", oldestKept).execute());
    }

    /** Remembers an unlock secret's hash for the link until {@code expiresAt}; forgets expired ones of any link. */
    void addUnlock(long shareId, String secretHash, long expiresAt, long now) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM ws_share_unlocks WHERE expires_at <= :now").bind("now", now).execute();
            h.createUpdate("INSERT INTO ws_share_unlocks (secret_hash, share_id, expires_at) VALUES (:h, :s, :x)")
                    .bind("h", secretHash).bind("s", shareId).bind("x", expiresAt).execute();
        });
    }

    /** Whether an unlock secret with this hash is valid for the link at {@code now}. */
    boolean isUnlocked(long shareId, String secretHash, long now) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM ws_share_unlocks WHERE secret_hash = :h AND "
                + "share_id = :s AND expires_at > :now").bind("h", secretHash).bind("s", shareId).bind("now", now)
                .mapTo(Long.class).one() > 0);
    }
}
