package dev.cairn.server.quota;

import dev.cairn.server.error.QuotaExceededException;
import dev.cairn.server.error.ServiceException;
import java.time.InstantSource;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The tenant's storage ledger: {@code accounts.stored_bytes}/{@code reserved_bytes} and the per-repository
 * {@code repos.stored_bytes}/{@code object_count}.
 *
 * <p>Protocol for a write: {@link #reserve} before any byte is stored (one conditional {@code UPDATE}, atomic on SQLite
 * and PostgreSQL, so racing uploads on any number of server processes never take usage past the quota), then either
 * {@link #commit} once the object is visible or {@link #release} if it is not. A delete calls {@link #freed} after the
 * object is gone. Repository uploads use the {@code *Upload} forms, which also keep the durable record of uploads in
 * flight ({@link UploadsInFlight}, ADR 58): a process killed between store and commit leaves that record, and a
 * successor recounts the repositories it names ({@link #interrupted}, {@link #correctInterrupted}), so a crash never
 * leaves usage below the store's bytes.
 *
 * <p>Every reservation is also recorded as this process's lease ({@code reservation_leases}, keyed by a random instance id),
 * and the process {@linkplain #heartbeat heartbeats}. When a process dies with uploads in flight, its leases stay behind;
 * any other process (or its own successor) {@linkplain #reclaimAbandoned gives them back} once the heartbeat is older than
 * the staleness limit, so a crash never shrinks a tenant's quota for good. Thread-safe.
 */
public final class QuotaService {
    private static final String QUOTA = "COALESCE(quota_bytes, (SELECT p.quota_bytes FROM plans p WHERE p.name = accounts.plan))";

    private final Jdbi jdbi;
    private final InstantSource clock;
    private final String instanceId;
    private final java.util.List<WritePolicy> policies = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** @param instanceId this server process's id among all processes sharing the database (random per start) */
    public QuotaService(Jdbi jdbi, InstantSource clock, String instanceId) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.instanceId = instanceId;
    }

    /**
     * Reserves {@code bytes} for an upload.
     *
     * @throws QuotaExceededException with the quota and usage if they do not fit; nothing is reserved then
     */
    public void reserve(long accountId, long bytes) {
        reserve(accountId, bytes, 0);
    }

    /**
     * Reserves {@code bytes} more for an upload that already holds {@code held} bytes of reservation (a body of unknown
     * length, reserved step by step). A refusal describes the upload as a whole, so its numbers add up: the upload's
     * {@code held + bytes} bytes requested, and everything else (stored, and reserved by other uploads) in use.
     *
     * @throws QuotaExceededException if they do not fit; nothing more is reserved then ({@code held} stays reserved)
     */
    public void reserve(long accountId, long bytes, long held) {
        checkWrite(accountId);
        reserveUnpoliced(accountId, bytes, held);
    }

    /**
     * Adds a policy every {@link #reserve} consults first (a feature's, e.g. billing refusing new writes of an account
     * whose invoice is long overdue). Policies are never consulted for deletes, reads or {@link #reserveUnpoliced}.
     */
    public void addWritePolicy(WritePolicy policy) {
        policies.add(java.util.Objects.requireNonNull(policy, "policy"));
    }

    /**
     * Asks every {@linkplain #addWritePolicy write policy} whether the account may store new data.
     *
     * @throws ServiceException the first refusal (its message says why and what to do)
     */
    public void checkWrite(long accountId) {
        for (WritePolicy p : policies) {
            p.check(accountId);
        }
    }

    /** As {@link #reserve(long, long)} without the write policies: for lock files, which reads and restores need. */
    public void reserveUnpoliced(long accountId, long bytes) {
        reserveUnpoliced(accountId, bytes, 0);
    }

    private void reserveUnpoliced(long accountId, long bytes, long held) {
        reserveUnpoliced(accountId, bytes, held, null);
    }

    /** @param upload the repository of an upload to record as in flight with the reservation; null: none */
    private void reserveUnpoliced(long accountId, long bytes, long held, String upload) {
        if (bytes < 0 || held < 0) {
            throw new IllegalArgumentException("cannot reserve " + bytes + " bytes beside " + held);
        }
        int updated = jdbi.inTransaction(h -> {
            int n = h.createUpdate("UPDATE accounts SET reserved_bytes = reserved_bytes + :n "
                    + "WHERE id = :id AND (" + QUOTA + " IS NULL OR stored_bytes + reserved_bytes + :n <= " + QUOTA + ")")
                    .bind("n", bytes).bind("id", accountId).execute();
            if (n > 0) {
                lease(h, accountId, bytes);
                if (upload != null) {
                    UploadsInFlight.adjust(h, instanceId, accountId, upload, 1);
                }
            }
            return n;
        });
        if (updated == 0) {
            Usage usage = usage(accountId);
            throw new QuotaExceededException(usage.quotaBytes() == null ? 0 : usage.quotaBytes(),
                    usage.storedBytes() + usage.reservedBytes() - held, held + bytes);
        }
    }

    /**
     * As {@link #reserve(long, long)} ({@code policed}) or {@link #reserveUnpoliced(long, long)}, for an upload to
     * {@code repo}, and records the upload as in flight in the same transaction. End it with {@link #commitUpload} or
     * {@link #releaseUpload}.
     */
    public void reserveUpload(long accountId, String repo, long bytes, boolean policed) {
        if (policed) {
            checkWrite(accountId);
        }
        reserveUnpoliced(accountId, bytes, 0, repo);
    }

    /**
     * Records an upload to {@code repo} as in flight whose bytes were reserved without it (a spooled body, reserved
     * step by step); call before the store write. End it with {@link #commitUpload} or {@link #releaseUpload}.
     */
    public void beginUpload(long accountId, String repo) {
        jdbi.useTransaction(h -> UploadsInFlight.adjust(h, instanceId, accountId, repo, 1));
    }

    /** {@link #commit} of an upload begun with {@link #reserveUpload} or {@link #beginUpload}; ends it. */
    public void commitUpload(long accountId, String repo, long reserved, long stored) {
        jdbi.useTransaction(h -> {
            commit(h, accountId, repo, reserved, stored);
            UploadsInFlight.adjust(h, instanceId, accountId, repo, -1);
        });
    }

    /** {@link #release} of an upload begun with {@link #reserveUpload} or {@link #beginUpload}; ends it. */
    public void releaseUpload(long accountId, String repo, long reserved) {
        jdbi.useTransaction(h -> {
            release(h, accountId, reserved);
            UploadsInFlight.adjust(h, instanceId, accountId, repo, -1);
        });
    }

    /** Returns a reservation that was not used (failed or aborted upload). */
    public void release(long accountId, long bytes) {
        jdbi.useTransaction(h -> release(h, accountId, bytes));
    }

    private void release(Handle h, long accountId, long bytes) {
        h.createUpdate("UPDATE accounts SET reserved_bytes = reserved_bytes - :n WHERE id = :id")
                .bind("n", bytes).bind("id", accountId).execute();
        lease(h, accountId, -bytes);
    }

    /**
     * Turns a reservation of {@code reserved} bytes into {@code stored} bytes of one new object in {@code repo}, in one
     * transaction ({@code stored} may be smaller than {@code reserved}; the rest is released).
     */
    public void commit(long accountId, String repo, long reserved, long stored) {
        jdbi.useTransaction(h -> commit(h, accountId, repo, reserved, stored));
    }

    private void commit(Handle h, long accountId, String repo, long reserved, long stored) {
        h.createUpdate("UPDATE accounts SET reserved_bytes = reserved_bytes - :r, stored_bytes = stored_bytes + :s "
                + "WHERE id = :id").bind("r", reserved).bind("s", stored).bind("id", accountId).execute();
        lease(h, accountId, -reserved);
        adjustRepo(h, accountId, repo, stored, 1);
        journal(h, accountId, stored, "commit");
    }

    /** Records that an object of {@code bytes} was removed from {@code repo}. */
    public void freed(long accountId, String repo, long bytes) {
        jdbi.useTransaction(h -> freed(h, accountId, repo, bytes));
    }

    private void freed(Handle h, long accountId, String repo, long bytes) {
        h.createUpdate("UPDATE accounts SET stored_bytes = stored_bytes - :s WHERE id = :id")
                .bind("s", bytes).bind("id", accountId).execute();
        adjustRepo(h, accountId, repo, -bytes, -1);
        journal(h, accountId, -bytes, "freed");
    }

    /**
     * Records that an object of {@code repo} is about to leave the store: like an upload in flight, it holds back the
     * recount of an interrupted process's uploads there (a recount between the store removal and {@link #freedRemoval}
     * left the object out and then subtracted it again; 64-client load run, ADR 58), and if this process dies before
     * the removal is counted, that repository is recounted. End it with {@link #freedRemoval} or
     * {@link #abandonRemoval}.
     */
    public void beginRemoval(long accountId, String repo) {
        jdbi.useTransaction(h -> UploadsInFlight.adjust(h, instanceId, accountId, repo, 1));
    }

    /** {@link #freed} of a removal begun with {@link #beginRemoval}; ends it. */
    public void freedRemoval(long accountId, String repo, long bytes) {
        jdbi.useTransaction(h -> {
            freed(h, accountId, repo, bytes);
            UploadsInFlight.adjust(h, instanceId, accountId, repo, -1);
        });
    }

    /** Ends a removal begun with {@link #beginRemoval} that freed nothing (it failed, or another process counted it). */
    public void abandonRemoval(long accountId, String repo) {
        jdbi.useTransaction(h -> UploadsInFlight.adjust(h, instanceId, accountId, repo, -1));
    }

    /**
     * Replaces the stored counters of one repository and its tenant by a recount (reconciliation); returns the drift in
     * bytes (recount minus recorded), 0 if the repository's counters changed under it (another process corrected or
     * charged it meanwhile: the next reconciliation looks again).
     */
    public long correct(long accountId, String repo, long storedBytes, long objects) {
        return jdbi.inTransaction(h -> correct(h, accountId, repo, UploadsInFlight.ledger(h, accountId, repo)
                .orElse(new Ledger(0, 0)), storedBytes, objects)).orElse(0);
    }

    /**
     * Sets the repository's counters to the recount and moves the account's by the difference, if the repository's
     * counters are still {@code recorded}, read in this transaction: the update is conditional on them, so two
     * processes correcting one repository at once (PostgreSQL, read committed) cannot both add the same drift to the
     * account; the second waits for the first's row lock, finds the counters changed and corrects nothing (empty).
     */
    private java.util.OptionalLong correct(Handle h, long accountId, String repo, Ledger recorded, long storedBytes,
            long objects) {
        long drift = storedBytes - recorded.storedBytes();
        int updated = h.createUpdate("UPDATE repos SET stored_bytes = :s, object_count = :o WHERE account_id = :a "
                + "AND name = :r AND stored_bytes = :was AND object_count = :wasObjects")
                .bind("s", storedBytes).bind("o", objects).bind("a", accountId).bind("r", repo)
                .bind("was", recorded.storedBytes()).bind("wasObjects", recorded.objects()).execute();
        if (updated == 0) {
            return java.util.OptionalLong.empty();
        }
        h.createUpdate("UPDATE accounts SET stored_bytes = stored_bytes + :d WHERE id = :a")
                .bind("d", drift).bind("a", accountId).execute();
        journal(h, accountId, drift, "correct");
        return java.util.OptionalLong.of(drift);
    }

    /** A repository where a process that is gone had uploads in flight: it may hold objects nobody charged. */
    public record Interrupted(long accountId, String repo) {
    }

    /** The recorded bytes and objects of a repository at one moment, to recount against; null if it is gone. */
    public record Ledger(long storedBytes, long objects) {
    }

    /** The repositories where processes that are gone had uploads in flight (ADR 58), each once. */
    public List<Interrupted> interrupted() {
        return jdbi.withHandle(UploadsInFlight::orphaned);
    }

    /** The repository's recorded stored bytes and objects now; null if it no longer exists. */
    public Ledger ledger(long accountId, String repo) {
        return jdbi.withHandle(h -> UploadsInFlight.ledger(h, accountId, repo).orElse(null));
    }

    /**
     * Corrects an {@linkplain #interrupted interrupted} repository to a recount of its store, made after its ledger read
     * {@code before}, and forgets the interrupted uploads there: unless the ledger changed since {@code before} or a
     * live process has an upload in flight there (the recount may then have seen an object whose charge is not in the
     * ledger yet, or miss one that is); then nothing changes and the caller recounts again later. A repository that is
     * gone just loses its record. Returns the drift corrected, or empty if nothing was corrected for those reasons.
     */
    public java.util.OptionalLong correctInterrupted(Interrupted where, Ledger before, long storedBytes, long objects) {
        return jdbi.inTransaction(h -> {
            var now = UploadsInFlight.ledger(h, where.accountId(), where.repo());
            if (now.isEmpty()) {
                UploadsInFlight.forgetOrphans(h, where.accountId(), where.repo());
                return java.util.OptionalLong.of(0);
            }
            if (before == null || now.get().storedBytes() != before.storedBytes()
                    || now.get().objects() != before.objects()
                    || UploadsInFlight.liveUploads(h, where.accountId(), where.repo())) {
                return java.util.OptionalLong.empty();
            }
            var drift = correct(h, where.accountId(), where.repo(), now.get(), storedBytes, objects);
            if (drift.isPresent()) { // else another process corrected it first: recount and look again
                UploadsInFlight.forgetOrphans(h, where.accountId(), where.repo());
            }
            return drift;
        });
    }

    /** This process's id among those sharing the database. */
    public String instanceId() {
        return instanceId;
    }

    /**
     * Clears all reservations and forgets every other process (only safe when no upload is in flight anywhere, e.g. a
     * single server starting up); their uploads in flight become {@linkplain #interrupted interrupted}.
     */
    public void clearReservations() {
        jdbi.useTransaction(h -> {
            h.createUpdate("UPDATE accounts SET reserved_bytes = 0 WHERE reserved_bytes <> 0").execute();
            h.createUpdate("DELETE FROM reservation_leases").execute();
            h.createUpdate("DELETE FROM server_instances WHERE instance_id <> :me").bind("me", instanceId).execute();
        });
    }

    /**
     * The ids of the server processes counted as alive: each records itself at start and heartbeats; one is forgotten
     * once it is known dead (its successor on the same data directory found the lock free; a SQLite server's start
     * forgets all others) or its heartbeat is stale ({@link #reclaimAbandoned}). A feature that records which process
     * runs a job of its own (an export) fails the jobs of processes not in this set. Reads the database each call.
     */
    public java.util.Set<String> liveInstances() {
        return java.util.Set.copyOf(jdbi.withHandle(h -> h.createQuery("SELECT instance_id FROM server_instances")
                .mapTo(String.class).list()));
    }

    /** Records that this process is alive (call at start and then well within the staleness limit). */
    public void heartbeat() {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO server_instances (instance_id, heartbeat_at) VALUES (:i, :t) "
                + "ON CONFLICT (instance_id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at")
                .bind("i", instanceId).bind("t", clock.millis()).execute());
    }

    /**
     * Gives back the reservations of server processes whose heartbeat is older than {@code staleAfter} (they crashed or were
     * killed with uploads in flight) and forgets those processes. Returns the bytes given back. Safe to run on every
     * process concurrently: each lease is returned in the transaction that deletes it.
     */
    public long reclaimAbandoned(java.time.Duration staleAfter) {
        long cutoff = clock.millis() - staleAfter.toMillis();
        List<String> dead = jdbi.withHandle(h -> h.createQuery("SELECT instance_id FROM server_instances "
                + "WHERE heartbeat_at < :cutoff AND instance_id <> :me").bind("cutoff", cutoff).bind("me", instanceId)
                .mapTo(String.class).list());
        long returned = 0;
        for (String instance : dead) {
            returned += forgetInstance(instance);
        }
        return returned;
    }

    /**
     * Gives back the reservations of the process {@code instance}, known to be dead (e.g. its successor on the same data
     * directory found its lock free), and forgets it: its uploads in flight become {@linkplain #interrupted interrupted}.
     * Returns the bytes given back.
     */
    public long forgetInstance(String instance) {
        return jdbi.inTransaction(h -> {
            long sum = 0;
            for (var lease : h.createQuery("SELECT account_id, bytes FROM reservation_leases WHERE instance_id = :i")
                    .bind("i", instance).map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).list()) {
                int deleted = h.createUpdate("DELETE FROM reservation_leases WHERE instance_id = :i AND account_id = :a")
                        .bind("i", instance).bind("a", lease[0]).execute();
                if (deleted == 1) { // another process may have reclaimed it first
                    h.createUpdate("UPDATE accounts SET reserved_bytes = reserved_bytes - :n WHERE id = :a")
                            .bind("n", lease[1]).bind("a", lease[0]).execute();
                    sum += lease[1];
                }
            }
            h.createUpdate("DELETE FROM server_instances WHERE instance_id = :i").bind("i", instance).execute();
            return sum;
        });
    }

    /** Journals a change of stored bytes in the caller's transaction ({@code usage_changes}; see {@link UsageJournal}). */
    private void journal(Handle h, long accountId, long delta, String cause) {
        if (delta != 0) {
            UsageJournal.record(h, accountId, clock.millis(), delta, cause);
        }
    }

    private void lease(Handle h, long accountId, long delta) {
        h.createUpdate("INSERT INTO reservation_leases (instance_id, account_id, bytes) VALUES (:i, :a, :n) "
                + "ON CONFLICT (instance_id, account_id) DO UPDATE SET bytes = reservation_leases.bytes + excluded.bytes")
                .bind("i", instanceId).bind("a", accountId).bind("n", delta).execute();
    }

    /** @throws ServiceException {@code not-found} for an unknown account */
    public Usage usage(long accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT stored_bytes, reserved_bytes, " + QUOTA + " AS quota "
                + "FROM accounts WHERE id = :id").bind("id", accountId)
                .map((rs, ctx) -> new Usage(rs.getLong(1), rs.getLong(2), Quotas.effective(
                        dev.cairn.server.db.Rows.nullableLong(rs, "quota"))))
                .findOne()).orElseThrow(() -> ServiceException.notFound("no account with id " + accountId));
    }

    private void adjustRepo(Handle h, long accountId, String repo, long bytes, int objects) {
        h.createUpdate("UPDATE repos SET stored_bytes = stored_bytes + :b, object_count = object_count + :o, "
                + "last_write_at = :now WHERE account_id = :a AND name = :r").bind("b", bytes).bind("o", objects)
                .bind("now", clock.millis()).bind("a", accountId).bind("r", repo).execute();
    }
}
