package dev.cairn.protocol;

/** An API token as listed; never contains the secret. */
public record TokenInfo(long id, String name, TokenScope scope, java.time.Instant createdAt, java.time.Instant expiresAt, java.time.Instant lastUsedAt, java.time.Instant revokedAt) {
}
