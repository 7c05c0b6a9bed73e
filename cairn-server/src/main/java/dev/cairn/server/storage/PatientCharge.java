package dev.cairn.server.storage;

import dev.cairn.blob.RetryPolicy;
import dev.cairn.blob.Sleeper;
import java.time.Duration;

/**
 * Charges an upload whose object is already in the store, repeating the charge while no database connection can be
 * had (the database restarting, or no pooled connection free under load): the charge then never reached the database,
 * so repeating it cannot charge twice. A connection lost mid-transaction is not repeated (whether its commit landed is
 * unknown; the reconciliation job settles it). Giving up at once left the object stored but uncounted and
 * its reservation held until the process ended (ADR 58), and the client's retry found the object present and charged
 * nothing: usage drifted below the store (the load suite's 64-client scale-out run: -300,729 bytes). Any
 * other failure is thrown at once. Thread-safe (stateless apart from its policy and sleeper).
 */
final class PatientCharge {
    /** Six attempts over about 15 s of waiting (plus each attempt's own connection timeout). */
    static final RetryPolicy POLICY = new RetryPolicy(6, Duration.ofMillis(500), Duration.ofSeconds(8), 2.0);
    private final RetryPolicy policy;
    private final Sleeper sleeper;

    PatientCharge(RetryPolicy policy, Sleeper sleeper) {
        this.policy = policy;
        this.sleeper = sleeper;
    }

    /**
     * Runs {@code charge} until it succeeds, fails otherwise than by an unreachable database, or the attempts run out.
     *
     * @throws RuntimeException the last failure of {@code charge}
     */
    void run(Runnable charge) {
        for (int attempt = 1; ; attempt++) {
            try {
                charge.run();
                return;
            } catch (RuntimeException e) {
                if (attempt >= policy.maxAttempts() || !neverReachedTheDatabase(e)) {
                    throw e;
                }
                pause(policy.delayAfter(attempt), e);
            }
        }
    }

    /** Whether the call failed getting a connection (JDBI's {@code ConnectionException}), before any statement. */
    static boolean neverReachedTheDatabase(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.jdbi.v3.core.ConnectionException) {
                return true;
            }
        }
        return false;
    }

    private void pause(Duration delay, RuntimeException failure) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }
}
