package dev.cairn.engine.repo;

import java.io.IOException;
import java.util.List;

/**
 * How a repository is locked (spec §Locks): lock objects under {@code locks/} for directories and S3 (the default), or
 * leases the cairn server grants for a server repository. The composition root that opens a repository chooses one
 * ({@link Repository#useLocking}); the engine only calls {@link RepositoryLock#acquire}. Implementations are
 * thread-safe.
 */
public interface Locking {

    /**
     * Takes a shared ({@code exclusive} false: backups, readers) or exclusive (prune) lock and keeps it alive until the
     * handle is closed. A conflicting lock whose holder is known to be gone (a process of this host that no longer runs)
     * is removed and reported to {@code dead}; mechanisms that cannot tell (leases: they end by themselves) never call it.
     *
     * @throws RepositoryLockedException naming the holder of a conflicting lock and what to do
     */
    Held acquire(Repository repo, boolean exclusive, RepositoryLock.DeadHolder dead) throws IOException;

    /** The live locks, one line each for people. */
    List<String> live(Repository repo) throws IOException;

    /**
     * Removes stale locks, or with {@code all} every lock, live ones too; returns one line per lock removed. Leases end
     * by themselves, so for them only {@code all} removes anything.
     */
    List<String> remove(Repository repo, boolean all) throws IOException;

    /** A held lock; {@link #close()} releases it (quietly: an unreleased lock ends by itself). */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }
}
