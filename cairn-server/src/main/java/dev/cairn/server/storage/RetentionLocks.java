package dev.cairn.server.storage;

import dev.cairn.blob.BlobInfo;
import dev.cairn.protocol.RetentionLock;
import dev.cairn.server.db.Rows;
import dev.cairn.server.error.RetentionLockedException;
import dev.cairn.server.error.ServiceException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Retention locks: a repository keeps every object but lock files for N days after the object's arrival (the store's
 * {@link BlobInfo#storedAt}, which no client can set). N is the repository's own setting ({@code repos.retention_days};
 * 0 there means explicitly none), else the server default (setting {@value #SETTING}). Enforced by
 * {@link ObjectService#delete} for every delete, whatever the protocol or the credential. Thread-safe.
 */
public final class RetentionLocks {
    static final String SETTING = "retention_lock_days";
    public static final int MAX_DAYS = 3650;

    private final Jdbi jdbi;

    public RetentionLocks(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * The repository's effective lock.
     *
     * @throws ServiceException {@code not-found} if the tenant has no such repository
     */
    public RetentionLock get(long accountId, String repo) {
        Optional<Long> own = jdbi.withHandle(h -> h.createQuery("SELECT retention_days FROM repos WHERE account_id = :a "
                + "AND name = :r").bind("a", accountId).bind("r", repo)
                .map((rs, ctx) -> Optional.ofNullable(Rows.nullableLong(rs, "retention_days"))).findFirst())
                .orElseThrow(() -> noRepo(repo));
        int serverDefault = serverDefault();
        if (own.isPresent()) {
            int days = own.get().intValue();
            return new RetentionLock(days, days > 0 ? RetentionLock.REPOSITORY : RetentionLock.NONE,
                    serverDefault);
        }
        return new RetentionLock(serverDefault, serverDefault > 0 ? RetentionLock.SERVER_DEFAULT : RetentionLock.NONE,
                serverDefault);
    }

    /**
     * Sets the repository's own lock; {@code confirmLowering} runs first when that lowers the effective lock (it
     * checks the account password, or throws).
     *
     * @throws ServiceException {@code bad-request} outside 0-3650, {@code not-found} for an unknown repository
     */
    public RetentionLock set(long accountId, String repo, int days, Runnable confirmLowering) {
        requireDays(days);
        if (days < get(accountId, repo).lockDays()) {
            confirmLowering.run();
        }
        jdbi.useHandle(h -> h.createUpdate("UPDATE repos SET retention_days = :d WHERE account_id = :a AND name = :r")
                .bind("d", days).bind("a", accountId).bind("r", repo).execute());
        return get(accountId, repo);
    }

    /** Whether any repository of the tenant has an effective lock (its own, or the server default). */
    public boolean anyLock(long accountId) {
        int serverDefault = serverDefault();
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM repos WHERE account_id = :a AND "
                + "COALESCE(retention_days, :d) > 0").bind("a", accountId).bind("d", serverDefault)
                .mapTo(Long.class).one()) > 0;
    }

    /** The lock of repositories without their own, in days (0: none). */
    public int serverDefault() {
        return jdbi.withHandle(h -> h.createQuery("SELECT value FROM settings WHERE name = :n").bind("n", SETTING)
                .mapTo(String.class).findFirst()).map(Integer::parseInt).orElse(0);
    }

    /** Sets the server default (0-3650; 0: none). */
    public void setServerDefault(int days) {
        requireDays(days);
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO settings (name, value) VALUES (:n, :v) ON CONFLICT (name) DO "
                + "UPDATE SET value = :v").bind("n", SETTING).bind("v", Integer.toString(days)).execute());
    }

    /**
     * Refuses the delete of an object still under the repository's lock at {@code now}. An object whose arrival the
     * store does not know is treated as arriving now (fails closed).
     *
     * @throws RetentionLockedException with the instant the object may be deleted
     */
    void checkDelete(long accountId, String repo, BlobInfo info, Instant now) {
        int days = get(accountId, repo).lockDays();
        if (days == 0) {
            return;
        }
        Instant arrived = info.storedAt() == null ? now : info.storedAt().truncatedTo(ChronoUnit.SECONDS);
        Instant until = arrived.plus(Duration.ofDays(days));
        if (now.isBefore(until)) {
            throw new RetentionLockedException(info.name() + " arrived at " + arrived + " and repository '" + repo
                    + "' keeps objects for " + days + " days after their arrival: it cannot be deleted before "
                    + until + ", by any token or the password", until);
        }
    }

    private static void requireDays(int days) {
        if (days < 0 || days > MAX_DAYS) {
            throw ServiceException.badRequest("lockDays must be 0-" + MAX_DAYS + " (days), not " + days);
        }
    }

    private static ServiceException noRepo(String repo) {
        return ServiceException.notFound("repository '" + repo + "' does not exist");
    }
}
