package dev.cairn.server.account;

import java.time.Instant;

/**
 * One account, which is also one tenant. {@code name} is the URL-safe short name (immutable), {@code id} the internal
 * key that names the tenant's storage prefix. {@code quotaBytes} is the effective quota (override or plan), null when
 * unlimited. Usage counters are physical stored bytes plus bytes reserved by uploads in progress.
 */
public record Account(long id, String name, String email, boolean admin, AccountStatus status, String plan,
        Long quotaBytes, long storedBytes, long reservedBytes, Instant createdAt, Instant purgeAfter) {

    public boolean isActive() {
        return status == AccountStatus.ACTIVE;
    }
}
