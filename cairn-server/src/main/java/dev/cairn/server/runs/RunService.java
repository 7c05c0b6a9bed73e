package dev.cairn.server.runs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.server.db.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Run reports of an account's agents: records each once (the report's {@code runId} is the idempotency key, per
 * account), lists them newest first, and answers per device when it last backed up successfully. A newly recorded run
 * is passed to the {@link Observer} (the alerts), after its transaction. Thread-safe; time from the injected clock.
 */
public final class RunService {
    /** The most runs one list returns. */
    public static final int MAX_LIMIT = 500;
    /**
     * When a successful run counts as done: its {@code endedAt}, but never later than the server received it, so a
     * computer whose clock runs ahead cannot postpone its no-backup alert.
     */
    public static final String SUCCESS_TIME = "(CASE WHEN ended_at > received_at THEN received_at ELSE ended_at END)";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final Jdbi jdbi;
    private final InstantSource clock;
    private final Observer observer;

    /** Told about every run recorded for the first time. Must not throw. */
    @FunctionalInterface
    public interface Observer {
        void recorded(long accountId, Run run);
    }

    public RunService(Jdbi jdbi, InstantSource clock, Observer observer) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.observer = observer;
    }

    /** The answer to a report: the stored run, and whether this report created it (else it was recorded before). */
    public record Recorded(Run run, boolean created) {
    }

    /**
     * Records a report under the device of the presenting token ({@code tokenId}; null when the request used the
     * password or a session), or under the report's host when the token has no device name. A report whose
     * {@code runId} the account has recorded already changes nothing and returns the stored run.
     */
    public Recorded record(long accountId, Long tokenId, RunReport report) {
        Recorded recorded = jdbi.inTransaction(h -> {
            String device = deviceOf(h, accountId, tokenId);
            int inserted = insert(h, accountId, device == null ? report.host() : device, report);
            return new Recorded(find(h, accountId, report.runId()), inserted == 1);
        });
        if (recorded.created()) {
            observer.recorded(accountId, recorded.run());
        }
        return recorded;
    }

    private static String deviceOf(Handle h, long accountId, Long tokenId) {
        if (tokenId == null) {
            return null;
        }
        return h.createQuery("SELECT device_name FROM api_tokens WHERE id = :id AND account_id = :a")
                .bind("id", tokenId).bind("a", accountId).mapTo(String.class).findOne().orElse(null);
    }

    private int insert(Handle h, long accountId, String device, RunReport r) {
        RunReport.Counts c = r.counts();
        return h.createUpdate("INSERT INTO runs (account_id, run_id, device, kind, set_name, repository, host, "
                + "agent_version, started_at, ended_at, status, snapshot_id, files_new, files_changed, files_unchanged, "
                + "bytes_new, bytes_changed, bytes_unchanged, bytes_stored, errors, damage_found, received_at) VALUES "
                + "(:a, :run, :device, :kind, :set, :repo, :host, :agent, :started, :ended, :status, :snap, :fn, :fc, "
                + ":fu, :bn, :bc, :bu, :bs, :errors, :damage, :now) ON CONFLICT (account_id, run_id) DO NOTHING")
                .bind("a", accountId).bind("run", r.runId()).bind("device", device).bind("kind", r.kind())
                .bind("set", r.set()).bind("repo", r.repository()).bind("host", r.host())
                .bind("agent", r.agentVersion()).bind("started", r.startedAt().toEpochMilli())
                .bind("ended", r.endedAt().toEpochMilli()).bind("status", r.status()).bind("snap", r.snapshotId())
                .bind("fn", c.filesNew()).bind("fc", c.filesChanged()).bind("fu", c.filesUnchanged())
                .bind("bn", c.bytesNew()).bind("bc", c.bytesChanged()).bind("bu", c.bytesUnchanged())
                .bind("bs", c.bytesStored()).bind("errors", json(r.errors())).bind("damage", r.damageFound() ? 1 : 0)
                .bind("now", clock.millis()).execute();
    }

    private static Run find(Handle h, long accountId, String runId) {
        return h.createQuery("SELECT * FROM runs WHERE account_id = :a AND run_id = :r").bind("a", accountId)
                .bind("r", runId).map((rs, ctx) -> run(rs)).one();
    }

    /**
     * The account's runs, newest start first ({@code device} null: every device), at most {@code limit}
     * (1-{@link #MAX_LIMIT}), those that come after {@code before} in that order (null: from the newest).
     */
    public List<Run> list(long accountId, String device, int limit, RunCursor before) {
        StringBuilder sql = new StringBuilder("SELECT * FROM runs WHERE account_id = :a");
        if (device != null) {
            sql.append(" AND device = :d");
        }
        if (before != null) {
            sql.append(" AND (started_at < :t OR (started_at = :t AND id < :id))");
        }
        sql.append(" ORDER BY started_at DESC, id DESC LIMIT :n");
        return jdbi.withHandle(h -> {
            var q = h.createQuery(sql.toString()).bind("a", accountId).bind("n", Math.clamp(limit, 1, MAX_LIMIT));
            if (device != null) {
                q.bind("d", device);
            }
            if (before != null) {
                q.bind("t", before.startedAtMillis()).bind("id", before.id());
            }
            return q.map((rs, ctx) -> run(rs)).list();
        });
    }

    /**
     * Per device that reported runs (by name): the end of its last successful backup ({@link #SUCCESS_TIME}), or null
     * if none succeeded.
     */
    public Map<String, Instant> lastSuccessfulBackups(long accountId) {
        Map<String, Instant> out = new LinkedHashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT device, MAX(CASE WHEN kind = 'backup' AND status = 'success' THEN "
                + SUCCESS_TIME + " END) AS last_ok FROM runs WHERE account_id = :a GROUP BY device ORDER BY device")
                .bind("a", accountId).map((rs, ctx) -> {
                    out.put(rs.getString("device"), Rows.instant(rs, "last_ok"));
                    return null;
                }).list());
        return out;
    }

    static Run run(ResultSet rs) throws SQLException {
        return new Run(rs.getLong("id"), rs.getString("run_id"), rs.getString("device"), rs.getString("kind"),
                rs.getString("set_name"), rs.getString("repository"), rs.getString("host"),
                rs.getString("agent_version"), Rows.instant(rs, "started_at"), Rows.instant(rs, "ended_at"),
                rs.getString("status"), rs.getString("snapshot_id"), rs.getLong("files_new"),
                rs.getLong("files_changed"), rs.getLong("files_unchanged"), rs.getLong("bytes_new"),
                rs.getLong("bytes_changed"), rs.getLong("bytes_unchanged"), rs.getLong("bytes_stored"),
                strings(rs.getString("errors")), rs.getInt("damage_found") != 0, Rows.instant(rs, "received_at"));
    }

    private static String json(List<String> errors) {
        try {
            return JSON.writeValueAsString(errors);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a list of strings as JSON", e);
        }
    }

    private static List<String> strings(String json) {
        try {
            return JSON.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored run errors are not a JSON list", e);
        }
    }
}
