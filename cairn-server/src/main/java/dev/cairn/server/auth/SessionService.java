package dev.cairn.server.auth;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Web sessions. The cookie value is a random secret; only its SHA-256 is stored, with the session's CSRF token and
 * expiry. Sessions expire {@code lifetime} after login (no sliding renewal). Thread-safe.
 */
public final class SessionService {
    private static final String PREFIX = "s_";
    private final Jdbi jdbi;
    private final InstantSource clock;
    private final RandomBytes random;
    private final Duration lifetime;

    public SessionService(Jdbi jdbi, InstantSource clock, RandomBytes random, Duration lifetime) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.random = random;
        this.lifetime = lifetime;
    }

    /** Starts a session for {@code accountId}; returns the cookie value (shown only here) and the session. */
    public Started start(long accountId) {
        String secret = Secrets.newSecret(random, PREFIX);
        String csrf = Secrets.newSecret(random, "");
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO sessions (id_hash, account_id, csrf_token, created_at, expires_at) "
                + "VALUES (:id, :a, :csrf, :c, :e)").bind("id", Secrets.hash(secret)).bind("a", accountId)
                .bind("csrf", csrf).bind("c", now.toEpochMilli()).bind("e", expires.toEpochMilli()).execute());
        return new Started(secret, new Session(accountId, csrf, expires));
    }

    /** A started session: the cookie value and the session. */
    public record Started(String cookieValue, Session session) {
    }

    /** The live session for a cookie value, if any (expired ones are not found). */
    public Optional<Session> find(String cookieValue) {
        if (cookieValue == null || !cookieValue.startsWith(PREFIX)) {
            return Optional.empty();
        }
        long now = clock.millis();
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM sessions WHERE id_hash = :id AND expires_at > :now")
                .bind("id", Secrets.hash(cookieValue)).bind("now", now)
                .map((rs, ctx) -> new Session(rs.getLong("account_id"), rs.getString("csrf_token"),
                        Instant.ofEpochMilli(rs.getLong("expires_at")))).findOne());
    }

    /** Ends the session of a cookie value (logout); unknown values are ignored. */
    public void end(String cookieValue) {
        if (cookieValue != null) {
            jdbi.useHandle(h -> h.createUpdate("DELETE FROM sessions WHERE id_hash = :id")
                    .bind("id", Secrets.hash(cookieValue)).execute());
        }
    }

    /** Ends every session of an account (password change, suspension, deletion). */
    public void endAll(long accountId) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM sessions WHERE account_id = :a").bind("a", accountId).execute());
    }

    /** Deletes expired sessions; returns how many. */
    public int purgeExpired() {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM sessions WHERE expires_at <= :now")
                .bind("now", clock.millis()).execute());
    }
}
