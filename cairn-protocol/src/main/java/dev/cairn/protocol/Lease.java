package dev.cairn.protocol;

import java.time.Instant;

/**
 * A lease on a repository, granted by the server: {@code mode} {@code shared} or {@code exclusive}; it ends by itself
 * at {@code expiresAt} unless renewed. {@code id} is an opaque string.
 */
public record Lease(String id, String mode, String holder, Instant acquiredAt, Instant expiresAt, long ttlSeconds) {
    public static final String SHARED = "shared";
    public static final String EXCLUSIVE = "exclusive";
}
