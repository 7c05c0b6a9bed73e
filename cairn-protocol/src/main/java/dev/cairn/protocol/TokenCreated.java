package dev.cairn.protocol;

/** A new API token. {@code token} is shown only in this response; the server keeps only its hash. */
public record TokenCreated(long id, String name, TokenScope scope, String token, java.time.Instant expiresAt) {
}
