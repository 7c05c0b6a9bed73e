package dev.cairn.protocol;

/** Creates an API token; {@code expiresAt} is optional (no expiry). */
public record TokenRequest(String name, TokenScope scope, java.time.Instant expiresAt) {
}
