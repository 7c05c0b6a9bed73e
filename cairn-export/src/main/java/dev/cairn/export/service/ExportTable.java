package dev.cairn.export.service;

import dev.cairn.export.schedule.ExportMode;
import dev.cairn.server.db.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code exports} table: an export's row moves queued → running → done or failed, each step one conditional
 * update, so a run is claimed by one process only; a running row's heartbeat is renewed by the process running it.
 * Thread-safe.
 */
final class ExportTable {
    private final Jdbi jdbi;
    private final InstantSource clock;

    ExportTable(Jdbi jdbi, InstantSource clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Queues an export of the workspace, whose owning account's quota its bundle will count in. */
    long queue(long workspaceId, ExportRequest request, String by) {
        return jdbi.withHandle(h -> h.createQuery("INSERT INTO exports (workspace_id, account_id, status, formats, "
                + "history, mode, with_software, created_by, created_at) SELECT :w, account_id, 'queued', :f, :hist, "
                + ":mode, :sw, :by, :now "
                + "FROM workspaces WHERE id = :w RETURNING id")
                .bind("w", workspaceId).bind("f", String.join(",", request.formats()))
                .bind("hist", request.history() ? 1 : 0).bind("mode", request.mode().wireName())
                .bind("sw", request.withSoftware() ? 1 : 0).bind("by", by)
                .bind("now", clock.millis()).mapTo(Long.class).one());
    }

    /**
     * Claims a queued export for running by the server process {@code runner} (its first heartbeat); false if another
     * run took it.
     */
    boolean claim(long id, String runner) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE exports SET status = 'running', started_at = :now, "
                + "heartbeat_at = :now, runner = :r WHERE id = :id AND status = 'queued'").bind("now", clock.millis())
                .bind("r", runner).bind("id", id).execute()) == 1;
    }

    /** The running exports whose server process is not one of {@code live} (it is gone). */
    List<Export> orphaned(Set<String> live) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM exports WHERE status = 'running' AND runner IS NOT "
                + "NULL AND runner NOT IN (<live>) ORDER BY id").bindList("live", bindable(live))
                .map((rs, ctx) -> export(rs)).list());
    }

    /** Fails a running export if {@code live} still lacks its process; false if it ended since it was read. */
    boolean failOrphaned(long id, Set<String> live, String error) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE exports SET status = 'failed', error = :e, finished_at = "
                + ":now WHERE id = :id AND status = 'running' AND runner IS NOT NULL AND runner NOT IN (<live>)")
                .bind("e", cut(error)).bind("now", clock.millis()).bind("id", id)
                .bindList("live", bindable(live)).execute()) == 1;
    }

    /** {@code live} for an {@code IN (<…>)} list, which may not be empty: no process id is the empty string. */
    private static List<String> bindable(Set<String> live) {
        return live.isEmpty() ? List.of("") : List.copyOf(live);
    }

    /** Renews the heartbeat of those of {@code ids} still running. */
    void beat(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbi.useHandle(h -> h.createUpdate("UPDATE exports SET heartbeat_at = :now WHERE id IN (<ids>) AND "
                + "status = 'running'").bindList("ids", List.copyOf(ids)).bind("now", clock.millis()).execute());
    }

    /**
     * Records a finished export: what it is ({@code kind}, the {@code previous} export it chains to) and its bundle. False
     * if the export is no longer running: it was failed meanwhile as orphaned (its heartbeat stalled, or its process was
     * taken for gone), and a failed export stays failed (it may have been retried already, and exports chained since).
     */
    boolean done(long id, Built built) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE exports SET status = 'done', cut_seq = :c, "
                + "manifest_sha256 = :m, bundle_sha256 = :b, bundle_bytes = :n, kind = :k, previous_id = :p, "
                + "finished_at = :now WHERE id = :id AND status = 'running'").bind("c", built.cut())
                .bind("m", built.manifestSha256()).bind("b", built.bundleSha256()).bind("n", built.bytes())
                .bind("k", built.kind().wireName()).bind("p", built.previousId()).bind("now", clock.millis())
                .bind("id", id).execute()) == 1;
    }

    /** What a finished export is. */
    record Built(long cut, String manifestSha256, String bundleSha256, long bytes, ExportMode kind, Long previousId) {
    }

    void failed(long id, String error) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE exports SET status = 'failed', error = :e, finished_at = :now "
                + "WHERE id = :id").bind("e", cut(error)).bind("now", clock.millis()).bind("id", id).execute());
    }

    /** The running exports whose heartbeat is older than {@code before} (their process is gone). */
    List<Export> stale(Instant before) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM exports WHERE status = 'running' AND "
                + "(heartbeat_at IS NULL OR heartbeat_at < :before) ORDER BY id").bind("before", before.toEpochMilli())
                .map((rs, ctx) -> export(rs)).list());
    }

    /** Fails a running export if its heartbeat is still older than {@code before}; false if it beat or ended since. */
    boolean failStale(long id, Instant before, String error) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE exports SET status = 'failed', error = :e, finished_at = "
                + ":now WHERE id = :id AND status = 'running' AND (heartbeat_at IS NULL OR heartbeat_at < :before)")
                .bind("e", cut(error)).bind("now", clock.millis()).bind("id", id)
                .bind("before", before.toEpochMilli()).execute()) == 1;
    }

    boolean busy(long workspaceId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM exports WHERE workspace_id = :w AND status "
                + "IN ('queued', 'running')").bind("w", workspaceId).mapTo(Long.class).one()) > 0;
    }

    List<Long> queued() {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM exports WHERE status = 'queued' ORDER BY id")
                .mapTo(Long.class).list());
    }

    /** The workspace's finished export with the highest cut (the newest of those): what an incremental chains to. */
    Optional<Export> latestDone(long workspaceId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM exports WHERE workspace_id = :w AND status = 'done' "
                + "ORDER BY cut_seq DESC, id DESC").bind("w", workspaceId).setMaxRows(1)
                .map((rs, ctx) -> export(rs)).findFirst());
    }

    /**
     * The chain that ends at {@code last}: {@code last}, the export it chains to, and so on back to a full export
     * (last in the list); empty if a link is missing (deleted, or not finished).
     */
    List<Export> chain(Export last) {
        List<Export> chain = new java.util.ArrayList<>();
        for (Optional<Export> e = Optional.of(last); e.isPresent(); e = e.get().previousId() == null ? Optional.empty()
                : get(e.get().previousId())) {
            if (e.get().status() != ExportStatus.DONE) {
                return List.of();
            }
            chain.add(e.get());
            if (e.get().kind() != ExportMode.INCREMENTAL) {
                return chain;
            }
        }
        return List.of();
    }

    /** The finished exports that chain to export {@code id}. */
    List<Long> dependents(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM exports WHERE previous_id = :id AND status = 'done' "
                + "ORDER BY id").bind("id", id).mapTo(Long.class).list());
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

    private static String cut(String error) {
        return error.length() > 1000 ? error.substring(0, 1000) : error;
    }

    private static Export export(ResultSet rs) throws SQLException {
        String kind = rs.getString("kind");
        return new Export(rs.getLong("id"), rs.getLong("workspace_id"), rs.getLong("account_id"),
                ExportStatus.of(rs.getString("status")), Arrays.asList(rs.getString("formats").split(",")),
                rs.getInt("history") != 0, ExportMode.of(rs.getString("mode")).orElseThrow(),
                kind == null ? null : ExportMode.of(kind).orElseThrow(), Rows.nullableLong(rs, "previous_id"),
                Rows.nullableLong(rs, "cut_seq"), rs.getString("manifest_sha256"),
                rs.getString("bundle_sha256"), Rows.nullableLong(rs, "bundle_bytes"),
                rs.getString("created_by"), Rows.instant(rs, "created_at"), Rows.instant(rs, "started_at"),
                Rows.instant(rs, "finished_at"), rs.getString("error"), rs.getInt("with_software") != 0);
    }
}
