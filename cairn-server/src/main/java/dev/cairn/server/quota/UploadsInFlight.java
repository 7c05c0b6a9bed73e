package dev.cairn.server.quota;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The durable record of uploads between their reservation and their charge ({@code uploads_in_flight}, ADR 58): per
 * server process and repository, how many uploads may have written to the store and not yet been charged. It is
 * raised in the transaction that reserves (or just before the store write) and lowered in the one that charges or
 * releases, so a process killed in between leaves a row behind. A row whose process is gone (it has no
 * {@code server_instances} row any more) is <em>orphaned</em>: its repository may hold objects nobody charged.
 */
final class UploadsInFlight {
    private UploadsInFlight() {
    }

    /** Adds {@code delta} uploads of {@code instance} in the repository, in the caller's transaction. */
    static void adjust(Handle h, String instance, long accountId, String repo, int delta) {
        h.createUpdate("INSERT INTO uploads_in_flight (instance_id, account_id, repo, uploads) VALUES (:i, :a, :r, :n) "
                + "ON CONFLICT (instance_id, account_id, repo) DO UPDATE SET uploads = uploads_in_flight.uploads + "
                + "excluded.uploads").bind("i", instance).bind("a", accountId).bind("r", repo).bind("n", delta).execute();
        if (delta < 0) {
            h.createUpdate("DELETE FROM uploads_in_flight WHERE instance_id = :i AND account_id = :a AND repo = :r "
                    + "AND uploads <= 0").bind("i", instance).bind("a", accountId).bind("r", repo).execute();
        }
    }

    /** The repositories with uploads of processes that are gone, each once. */
    static List<QuotaService.Interrupted> orphaned(Handle h) {
        return h.createQuery("SELECT DISTINCT account_id, repo FROM uploads_in_flight u WHERE uploads > 0 AND " + ORPHAN)
                .map((rs, ctx) -> new QuotaService.Interrupted(rs.getLong(1), rs.getString(2))).list();
    }

    /** Whether a live process has an upload in flight in the repository. */
    static boolean liveUploads(Handle h, long accountId, String repo) {
        return h.createQuery("SELECT COUNT(*) FROM uploads_in_flight u WHERE account_id = :a AND repo = :r "
                + "AND uploads > 0 AND NOT (" + ORPHAN + ")").bind("a", accountId).bind("r", repo)
                .mapTo(Long.class).one() > 0;
    }

    /** Deletes the orphaned rows of one repository (after its recount). */
    static void forgetOrphans(Handle h, long accountId, String repo) {
        h.createUpdate("DELETE FROM uploads_in_flight WHERE account_id = :a AND repo = :r AND NOT EXISTS "
                + "(SELECT 1 FROM server_instances s WHERE s.instance_id = uploads_in_flight.instance_id)")
                .bind("a", accountId).bind("r", repo).execute();
    }

    /** The repository's recorded bytes and objects; empty if the repository is gone. */
    static Optional<QuotaService.Ledger> ledger(Handle h, long accountId, String repo) {
        return h.createQuery("SELECT stored_bytes, object_count FROM repos WHERE account_id = :a AND name = :r")
                .bind("a", accountId).bind("r", repo).map((rs, ctx) -> new QuotaService.Ledger(rs.getLong(1), rs.getLong(2)))
                .findOne();
    }

    private static final String ORPHAN = "NOT EXISTS (SELECT 1 FROM server_instances s WHERE s.instance_id = u.instance_id)";
}
