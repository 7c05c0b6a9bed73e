package dev.cairn.server.account;

import java.time.Instant;

/**
 * One account, which is also one tenant. {@code name} is the URL-safe short name (immutable), {@code id} the internal
 * key that names the tenant's storage prefix. {@code quotaBytes} is the effective quota (override or plan), null when
 * unlimited. Usage counters are physical stored bytes plus bytes reserved by uploads in progress.
 * {@code suspendedReason} is the administrator's words when suspended (null if none was given or not suspended).
 */
public record Account(long id, String name, String email, boolean admin, AccountStatus status, String plan,
        Long quotaBytes, long storedBytes, long reservedBytes, Instant createdAt, Instant purgeAfter,
        String suspendedReason) {

    /**
     * The stored quota override that means "unlimited" (NULL already means "the plan's quota"). Readers turn it into
     * a null {@link #quotaBytes}, so no page or command ever shows it as a number.
     */
    public static final long UNLIMITED_OVERRIDE = dev.cairn.server.quota.Quotas.UNLIMITED_OVERRIDE;

    /** A stored quota as the rest of the server sees it: null when unlimited (NULL, or {@link #UNLIMITED_OVERRIDE}). */
    public static Long effectiveQuota(Long stored) {
        return dev.cairn.server.quota.Quotas.effective(stored);
    }

    public boolean isActive() {
        return status == AccountStatus.ACTIVE;
    }
}
