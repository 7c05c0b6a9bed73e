package dev.cairn.engine.repo;

import dev.cairn.blob.BlobKind;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A shared or exclusive repository lock (spec §Locks), taken through the repository's {@link Locking}: lock objects
 * under {@code locks/} for directories and S3, server leases for a cairn server. Writers that only add (backup) share;
 * operations that delete (prune) are exclusive. The lock stays alive (refreshed or renewed) until {@link #close()}.
 */
public final class RepositoryLock implements AutoCloseable {
    /** How often a lock object is rewritten. */
    public static final Duration REFRESH = Duration.ofMinutes(5);
    /**
     * A lock object older than this, or one whose holder was a process of this host that no longer runs (a killed
     * prune's), is stale: ignored, and removed by {@code cairn unlock} and by {@link #acquire}.
     */
    public static final Duration STALE = Duration.ofMinutes(30);
    private final Locking.Held held;

    /** The lock object's document. */
    public record LockInfo(Instant time, boolean exclusive, String hostname, String username, long pid) {
    }

    /** Told when a conflicting lock was removed because its holder, a process of this host, no longer runs. */
    @FunctionalInterface
    public interface DeadHolder {
        /** @param holder e.g. {@code exclusive lock of pid 12 on h (u) since …, a process that no longer runs} */
        void removed(String holder);
    }

    private RepositoryLock(Locking.Held held) {
        this.held = held;
    }

    /** {@link #acquire(Repository, boolean, DeadHolder)} that removes dead holders' locks without telling anyone. */
    public static RepositoryLock acquire(Repository repo, boolean exclusive) throws IOException {
        return acquire(repo, exclusive, holder -> { });
    }

    /**
     * Takes the lock through {@code repo}'s {@link Locking}. A conflicting lock object of a process of this host that no
     * longer runs is deleted (and reported to {@code dead}) instead of refusing.
     *
     * @throws RepositoryLockedException naming the holder of a conflicting lock
     */
    public static RepositoryLock acquire(Repository repo, boolean exclusive, DeadHolder dead) throws IOException {
        return new RepositoryLock(repo.locking().acquire(repo, exclusive, dead));
    }

    /** Removes stale locks (or with {@code all} every lock); returns one line per lock removed. */
    public static List<String> remove(Repository repo, boolean all) throws IOException {
        return repo.locking().remove(repo, all);
    }

    /** Removes stale locks, or all; returns how many were removed. */
    public static int removeStale(Repository repo, boolean all) throws IOException {
        return remove(repo, all).size();
    }

    /** The readable lock objects under {@code locks/}, live and stale (what {@code check} looks at). */
    public static List<LockInfo> list(Repository repo) throws IOException {
        List<LockInfo> out = new ArrayList<>();
        for (String id : repo.list(BlobKind.LOCK)) {
            LockInfo info = LockObjects.read(repo, id);
            if (info != null) {
                out.add(info);
            }
        }
        return out;
    }

    @Override
    public void close() {
        held.close();
    }
}
