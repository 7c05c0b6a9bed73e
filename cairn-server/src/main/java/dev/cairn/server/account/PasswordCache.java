package dev.cairn.server.account;

import dev.cairn.server.auth.Secrets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers recent successful password checks for a short time, so a restic client authenticating every request with
 * the account password does not pay an Argon2id hash per request. The key is a SHA-256 over the password and the stored
 * hash, so a password change invalidates it, and the cache holds no password. Thread-safe; bounded.
 */
final class PasswordCache {
    private static final int MAX_ENTRIES = 10_000;
    private final InstantSource clock;
    private final Duration ttl;
    private final ConcurrentHashMap<String, Instant> verified = new ConcurrentHashMap<>();

    PasswordCache(InstantSource clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    boolean contains(String password, String storedHash) {
        Instant until = verified.get(key(password, storedHash));
        return until != null && clock.instant().isBefore(until);
    }

    void add(String password, String storedHash) {
        Instant now = clock.instant();
        if (verified.size() >= MAX_ENTRIES) {
            verified.entrySet().removeIf(e -> !now.isBefore(e.getValue()));
            if (verified.size() >= MAX_ENTRIES) {
                verified.clear();
            }
        }
        verified.put(key(password, storedHash), now.plus(ttl));
    }

    private static String key(String password, String storedHash) {
        return Secrets.hash(storedHash + "\u0000" + password);
    }
}
