package dev.cairn.server.auth;

import dev.cairn.server.error.ThrottledException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@code freeFailures} failed logins for one key (an account name, or a client address)
 * within {@code window}, further attempts for that key are refused until the window since the last failure has passed.
 * A success clears the account's key. Keys are kept in memory, per server process (a cluster multiplies the limit by its
 * size, which still bounds guessing). Thread-safe; time comes from the injected clock.
 */
public final class LoginThrottle {
    private final InstantSource clock;
    private final int freeFailures;
    private final Duration window;
    private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();

    private record Failures(int count, Instant last) {
    }

    public LoginThrottle(InstantSource clock, int freeFailures, Duration window) {
        this.clock = clock;
        this.freeFailures = freeFailures;
        this.window = window;
    }

    /**
     * Refuses an attempt for any of {@code keys} that is locked out.
     *
     * @throws ThrottledException saying when to retry
     */
    public void check(String... keys) {
        Instant now = clock.instant();
        for (String key : keys) {
            Failures f = failures.get(key);
            if (f != null && f.count() >= freeFailures) {
                Instant until = f.last().plus(window);
                if (now.isBefore(until)) {
                    throw new ThrottledException(Duration.between(now, until));
                }
            }
        }
    }

    /** Records a failed attempt against each key. */
    public void failed(String... keys) {
        Instant now = clock.instant();
        for (String key : keys) {
            failures.compute(key, (k, f) -> f == null || now.isAfter(f.last().plus(window))
                    ? new Failures(1, now) : new Failures(f.count() + 1, now));
        }
        if (failures.size() > 100_000) {
            failures.entrySet().removeIf(e -> now.isAfter(e.getValue().last().plus(window)));
        }
    }

    /** Clears the failures of {@code key} after a successful login. */
    public void succeeded(String key) {
        failures.remove(key);
    }
}
