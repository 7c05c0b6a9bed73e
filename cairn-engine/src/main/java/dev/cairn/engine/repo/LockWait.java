package dev.cairn.engine.repo;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;

/**
 * How long to keep trying for a lock that another process holds (restic's {@code --retry-lock}): {@link #acquire} calls
 * {@link RepositoryLock#acquire} until it succeeds or {@code retryFor} has passed on the repository's clock, sleeping
 * between tries (from 0.2 s, doubling, at most {@value #MAX_PAUSE_MS} ms, never past the deadline), and tells its
 * {@link Waiting} once, at the first refusal, who holds the lock.
 *
 * @param retryFor how long to keep trying; {@link Duration#ZERO} tries once
 * @param sleeper  how to wait between tries (injected so tests need no real time)
 */
public record LockWait(Duration retryFor, Sleeper sleeper) {
    static final long MAX_PAUSE_MS = 2_000;
    /** Try once; fail at once if the repository is locked. */
    public static final LockWait NONE = new LockWait(Duration.ZERO, Thread::sleep);

    /** Pauses the calling thread. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    /** Told once when the lock is refused and the caller starts waiting. */
    @FunctionalInterface
    public interface Waiting {
        /** @param holder who holds the conflicting lock, e.g. {@code repository is exclusively locked by pid 12 on h (u) since …} */
        void waiting(String holder, Duration retryFor);
    }

    public LockWait {
        if (retryFor.isNegative()) {
            throw new IllegalArgumentException("--retry-lock must not be negative");
        }
    }

    /** Keep trying for {@code retryFor} with real sleeps. */
    public static LockWait of(Duration retryFor) {
        return new LockWait(retryFor, Thread::sleep);
    }

    /**
     * Takes the lock through {@link RepositoryLock#acquire(Repository, boolean)}, retrying while it is refused.
     *
     * @throws RepositoryLockedException the last refusal, once {@code retryFor} has passed
     */
    public RepositoryLock acquire(Repository repo, boolean exclusive, Waiting waiting) throws IOException {
        Instant deadline = repo.environment().clock().instant().plus(retryFor);
        long pause = 200;
        boolean told = false;
        while (true) {
            try {
                return RepositoryLock.acquire(repo, exclusive);
            } catch (RepositoryLockedException e) {
                long left = Duration.between(repo.environment().clock().instant(), deadline).toMillis();
                if (left <= 0) {
                    throw e;
                }
                if (!told) {
                    waiting.waiting(holder(e), retryFor);
                    told = true;
                }
                sleep(Math.min(pause, left));
                pause = Math.min(pause * 2, MAX_PAUSE_MS);
            }
        }
    }

    private static String holder(RepositoryLockedException e) {
        String m = e.getMessage();
        int cut = m.indexOf(';');
        return cut < 0 ? m : m.substring(0, cut);
    }

    private void sleep(long millis) throws InterruptedIOException {
        try {
            sleeper.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the repository lock");
        }
    }
}
