package dev.cairn.export.service;

import dev.cairn.server.db.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code exports} table: an export's row moves queued → running → done or failed, each step one conditional
 * update, so a run is claimed by one process only. Thread-safe.
 */
final class ExportTable {
    private final Jdbi jdbi;
    private final InstantSource clock;

    ExportTable(Jdbi jdbi, InstantSource clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Queues an export of the workspace, whose owning account's quota its bundle will count in. */
    long queue(long workspaceId, List<String> formats, String by) {
        return jdbi.withHandle(h -> h.createQuery("INSERT INTO exports (workspace_id, account_id, status, formats, "
                + "created_by, created_at) SELECT :w, account_id, 'queued', :f, :by, :now FROM workspaces "
                + "WHERE id = :w RETURNING id")
                .bind("w", workspaceId).bind("f", String.join(",", formats)).bind("by", by)
                .bind("now", clock.millis()).mapTo(Long.class).one());
    }

    /** Claims a queued export for running; false if another run took it. */
    boolean claim(long id) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE exports SET status = 'running', started_at = :now "
                + "WHERE id = :id AND status = 'queued'").bind("now", clock.millis()).bind("id", id).execute()) == 1;
    }

    void done(long id, long cut, String manifestSha256, String bundleSha256, long bytes) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE exports SET status = 'done', cut_seq = :c, manifest_sha256 = :m, "
                + "bundle_sha256 = :b, bundle_bytes = :n, finished_at = :now WHERE id = :id").bind("c", cut)
                .bind("m", manifestSha256).bind("b", bundleSha256).bind("n", bytes).bind("now", clock.millis())
                .bind("id", id).execute());
    }

    void failed(long id, String error) {
        String e = error.length() > 1000 ? error.substring(0, 1000) : error;
        jdbi.useHandle(h -> h.createUpdate("UPDATE exports SET status = 'failed', error = :e, finished_at = :now "
                + "WHERE id = :id").bind("e", e).bind("now", clock.millis()).bind("id", id).execute());
    }

    /** Fails the exports left queued or running by a stopped server; returns how many. */
    int failInterrupted(String error) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE exports SET status = 'failed', error = :e, "
                + "finished_at = :now WHERE status IN ('queued', 'running')").bind("e", error)
                .bind("now", clock.millis()).execute());
    }

    boolean busy(long workspaceId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM exports WHERE workspace_id = :w AND status "
                + "IN ('queued', 'running')").bind("w", workspaceId).mapTo(Long.class).one()) > 0;
    }

    List<Long> queued() {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM exports WHERE status = 'queued' ORDER BY id")
                .mapTo(Long.class).list());
    }

    List<Export> list(long workspaceId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM exports WHERE workspace_id = :w ORDER BY id DESC")
                .bind("w", workspaceId).map((rs, ctx) -> export(rs)).list());
    }

    Optional<Export> get(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM exports WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> export(rs)).findOne());
    }

    List<Export> ofAccount(long accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM exports WHERE account_id = :a").bind("a", accountId)
                .map((rs, ctx) -> export(rs)).list());
    }

    void delete(long id) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM exports WHERE id = :id").bind("id", id).execute());
    }

    private static Export export(ResultSet rs) throws SQLException {
        return new Export(rs.getLong("id"), rs.getLong("workspace_id"), rs.getLong("account_id"),
                ExportStatus.of(rs.getString("status")), Arrays.asList(rs.getString("formats").split(",")),
                Rows.nullableLong(rs, "cut_seq"), rs.getString("manifest_sha256"),
                rs.getString("bundle_sha256"), Rows.nullableLong(rs, "bundle_bytes"),
                rs.getString("created_by"), Rows.instant(rs, "created_at"), Rows.instant(rs, "started_at"),
                Rows.instant(rs, "finished_at"), rs.getString("error"));
    }
}
