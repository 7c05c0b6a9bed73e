package dev.cairn.server.lease;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.protocol.Lease;
import dev.cairn.server.auth.RandomBytes;
import dev.cairn.server.db.Rows;
import dev.cairn.server.error.LeaseConflictException;
import dev.cairn.server.error.ServiceException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Leases on a tenant's repository: an exclusive lease conflicts with any live lease, a shared one with a live exclusive
 * one. A lease lives until {@code expiresAt} (the server's clock) unless renewed; an expired lease never blocks and is
 * never listed. Acquisitions of one repository are serialised by locking its {@code repos} row first (an UPDATE, which
 * PostgreSQL locks until commit; SQLite has one writer), so two exclusive acquisitions cannot both succeed.
 * Thread-safe; one short transaction per call.
 */
public final class LeaseService {
    public static final int MIN_TTL = 10;
    public static final int MAX_TTL = 600;
    public static final int DEFAULT_TTL = 120;

    private final Jdbi jdbi;
    private final InstantSource clock;
    private final RandomBytes random;

    public LeaseService(Jdbi jdbi, InstantSource clock, RandomBytes random) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.random = random;
    }

    /**
     * Grants a lease.
     *
     * @throws ServiceException {@code bad-request} for a bad mode, holder or TTL; {@code not-found} for an unknown
     *                          repository; {@link LeaseConflictException} while conflicting leases live
     */
    public Lease acquire(long accountId, String repo, String mode, String holder, Integer ttlSeconds) {
        String m = LeaseModes.require(mode);
        String who = holder == null ? "" : holder.strip();
        if (who.isEmpty() || who.length() > 200) {
            throw ServiceException.badRequest("holder must be 1-200 characters, e.g. 'alice@laptop pid 4242 (backup)'");
        }
        int ttl = ttlSeconds == null ? DEFAULT_TTL : ttlSeconds;
        if (ttl < MIN_TTL || ttl > MAX_TTL) {
            throw ServiceException.badRequest("ttlSeconds must be " + MIN_TTL + "-" + MAX_TTL + ", not " + ttl);
        }
        return jdbi.inTransaction(h -> {
            lockRepo(h, accountId, repo);
            Instant now = clock.instant();
            List<Lease> conflicting = live(h, accountId, repo, now).stream()
                    .filter(l -> LeaseModes.conflict(m, l.mode())).toList();
            if (!conflicting.isEmpty()) {
                throw conflict(repo, conflicting, now);
            }
            Lease lease = new Lease(HexFormat.of().formatHex(random.bytes(16)), m, who, now, now.plusSeconds(ttl), ttl);
            h.createUpdate("INSERT INTO repo_leases (id, account_id, repo, mode, holder, acquired_at, expires_at, "
                    + "ttl_seconds) VALUES (:id, :a, :r, :m, :h, :at, :ex, :ttl)").bind("id", lease.id())
                    .bind("a", accountId).bind("r", repo).bind("m", m).bind("h", who).bind("at", now.toEpochMilli())
                    .bind("ex", lease.expiresAt().toEpochMilli()).bind("ttl", ttl).execute();
            return lease;
        });
    }

    /**
     * Extends a live lease to now + its TTL.
     *
     * @throws ServiceException {@code lease-lost} if it expired or was removed (the holder must stop writing)
     */
    public Lease renew(long accountId, String repo, String id) {
        return jdbi.inTransaction(h -> {
            lockRepo(h, accountId, repo);
            Instant now = clock.instant();
            Lease lease = find(h, accountId, repo, id).filter(l -> now.isBefore(l.expiresAt()))
                    .orElseThrow(() -> lost(id));
            Instant until = now.plusSeconds(lease.ttlSeconds());
            h.createUpdate("UPDATE repo_leases SET expires_at = :ex WHERE id = :id").bind("ex", until.toEpochMilli())
                    .bind("id", id).execute();
            return new Lease(lease.id(), lease.mode(), lease.holder(), lease.acquiredAt(), until, lease.ttlSeconds());
        });
    }

    /** The live lease {@code id} of the repository, for checking the caller may act on it. */
    public java.util.Optional<Lease> find(long accountId, String repo, String id) {
        return jdbi.withHandle(h -> find(h, accountId, repo, id)).filter(l -> clock.instant().isBefore(l.expiresAt()));
    }

    /** Ends a lease (idempotent: also when it is already gone). */
    public void release(long accountId, String repo, String id) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM repo_leases WHERE id = :id AND account_id = :a AND repo = :r")
                .bind("id", id).bind("a", accountId).bind("r", repo).execute());
    }

    /** The live leases of the repository, oldest first. */
    public List<Lease> list(long accountId, String repo) {
        return jdbi.withHandle(h -> live(h, accountId, repo, clock.instant()));
    }

    /** Removes every lease of the repository ({@code cairn unlock --remove-all}); returns the live ones removed. */
    public List<Lease> removeAll(long accountId, String repo) {
        return jdbi.inTransaction(h -> {
            List<Lease> removed = live(h, accountId, repo, clock.instant());
            h.createUpdate("DELETE FROM repo_leases WHERE account_id = :a AND repo = :r").bind("a", accountId)
                    .bind("r", repo).execute();
            return removed;
        });
    }

    /** Locks the repository's row until the transaction ends; {@code not-found} if the tenant has no such repository. */
    private static void lockRepo(Handle h, long accountId, String repo) {
        int n = h.createUpdate("UPDATE repos SET name = name WHERE account_id = :a AND name = :r").bind("a", accountId)
                .bind("r", repo).execute();
        if (n == 0) {
            throw ServiceException.notFound("repository '" + repo + "' does not exist");
        }
    }

    private static List<Lease> live(Handle h, long accountId, String repo, Instant now) {
        h.createUpdate("DELETE FROM repo_leases WHERE account_id = :a AND repo = :r AND expires_at <= :now")
                .bind("a", accountId).bind("r", repo).bind("now", now.toEpochMilli()).execute();
        return h.createQuery("SELECT * FROM repo_leases WHERE account_id = :a AND repo = :r AND expires_at > :now "
                + "ORDER BY acquired_at, id").bind("a", accountId).bind("r", repo).bind("now", now.toEpochMilli())
                .map((rs, ctx) -> lease(rs)).list();
    }

    private static java.util.Optional<Lease> find(Handle h, long accountId, String repo, String id) {
        return h.createQuery("SELECT * FROM repo_leases WHERE id = :id AND account_id = :a AND repo = :r")
                .bind("id", id).bind("a", accountId).bind("r", repo).map((rs, ctx) -> lease(rs)).findOne();
    }

    private static Lease lease(ResultSet rs) throws SQLException {
        return new Lease(rs.getString("id"), rs.getString("mode"), rs.getString("holder"),
                Rows.instant(rs, "acquired_at"), Rows.instant(rs, "expires_at"), rs.getLong("ttl_seconds"));
    }

    private static LeaseConflictException conflict(String repo, List<Lease> holders, Instant now) {
        Instant first = holders.stream().map(Lease::expiresAt).min(Instant::compareTo).orElseThrow();
        long millis = Duration.between(now, first).toMillis();
        long retry = Math.max(1, (millis + 999) / 1000);
        return new LeaseConflictException("repository '" + repo + "' is leased by " + holders.getFirst().holder()
                + " (" + holders.getFirst().mode() + (holders.size() > 1 ? ", and " + (holders.size() - 1) + " more" : "")
                + "); retry in " + retry + " seconds, or remove stale leases with a full token (cairn unlock "
                + "--remove-all)", holders, retry);
    }

    private static ServiceException lost(String id) {
        return new ServiceException(ErrorCode.LEASE_LOST, "lease " + id + " expired or was removed; stop writing "
                + "and acquire a new lease");
    }
}
