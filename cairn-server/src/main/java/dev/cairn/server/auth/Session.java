package dev.cairn.server.auth;

import java.time.Instant;

/** A live web session: its account, its CSRF token (sent in every state-changing form) and when it expires. */
public record Session(long accountId, String csrfToken, Instant expiresAt) {
}
