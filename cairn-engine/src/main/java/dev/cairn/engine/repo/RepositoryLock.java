package dev.cairn.engine.repo;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobNotFoundException;
import dev.cairn.engine.format.FormatException;
import dev.cairn.engine.format.Json;
import dev.cairn.engine.id.BlobId;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A shared or exclusive repository lock (spec §Locks): a sealed lock object under {@code locks/}. Writers that only add
 * (backup) share; operations that delete (prune) are exclusive. A lock is refreshed every {@link #REFRESH} by writing a
 * new lock object and deleting the old one; one older than {@link #STALE}, or one whose holder was a process of this host
 * that no longer runs (a killed prune's), is stale: ignored, and removed by {@code unlock} and by {@link #acquire}.
 */
public final class RepositoryLock implements AutoCloseable {
    public static final Duration REFRESH = Duration.ofMinutes(5);
    public static final Duration STALE = Duration.ofMinutes(30);
    private final Repository repo;
    private final boolean exclusive;
    private final ScheduledExecutorService refresher;
    private volatile BlobId current;

    /** The lock document. */
    public record LockInfo(Instant time, boolean exclusive, String hostname, String username, long pid) {
    }

    private RepositoryLock(Repository repo, boolean exclusive, BlobId current) {
        this.repo = repo;
        this.exclusive = exclusive;
        this.current = current;
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cairn-lock-refresh");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleAtFixedRate(this::refreshQuietly, REFRESH.toSeconds(), REFRESH.toSeconds(), TimeUnit.SECONDS);
    }

    /** Told when a conflicting lock was removed because its holder, a process of this host, no longer runs. */
    @FunctionalInterface
    public interface DeadHolder {
        /** @param holder e.g. {@code exclusive lock of pid 12 on h (u) since …} */
        void removed(String holder);
    }

    /** {@link #acquire(Repository, boolean, DeadHolder)} that removes dead holders' locks without telling anyone. */
    public static RepositoryLock acquire(Repository repo, boolean exclusive) throws IOException {
        return acquire(repo, exclusive, holder -> { });
    }

    /**
     * Takes the lock: writes our lock object, then looks for conflicting live locks and backs out if there is one. A
     * conflicting lock of a process of this host that no longer runs is deleted (and reported to {@code dead}) instead.
     *
     * @throws RepositoryLockedException naming the holder of a conflicting lock
     */
    public static RepositoryLock acquire(Repository repo, boolean exclusive, DeadHolder dead) throws IOException {
        BlobId mine = write(repo, exclusive);
        for (String id : repo.list(BlobKind.LOCK)) {
            LockInfo other = id.equals(mine.hex()) ? null : read(repo, id);
            if (other == null || !(exclusive || other.exclusive()) || isStale(repo, other)) {
                continue;
            }
            if (holderGone(repo, other)) {
                deleteQuietly(repo, BlobId.parse(id));
                dead.removed(describe(other));
                continue;
            }
            deleteQuietly(repo, mine);
            throw new RepositoryLockedException("repository is " + (other.exclusive() ? "exclusively " : "") + "locked by pid "
                    + other.pid() + " on " + other.hostname() + " (" + other.username() + ") since " + other.time()
                    + "; wait for it to finish, or if that process is gone run 'cairn unlock'");
        }
        return new RepositoryLock(repo, exclusive, mine);
    }

    /** Removes stale lock objects (older than {@link #STALE}, of a gone process of this host, or unreadable); returns how many. */
    public static int removeStale(Repository repo, boolean all) throws IOException {
        int removed = 0;
        for (String id : repo.list(BlobKind.LOCK)) {
            LockInfo info = read(repo, id);
            if (all || info == null || isStale(repo, info) || holderGone(repo, info)) {
                deleteQuietly(repo, BlobId.parse(id));
                removed++;
            }
        }
        return removed;
    }

    /** Lists live and stale locks. */
    public static List<LockInfo> list(Repository repo) throws IOException {
        List<LockInfo> out = new ArrayList<>();
        for (String id : repo.list(BlobKind.LOCK)) {
            LockInfo info = read(repo, id);
            if (info != null) {
                out.add(info);
            }
        }
        return out;
    }

    private static boolean isStale(Repository repo, LockInfo info) {
        return info.time().plus(STALE).isBefore(repo.environment().clock().instant());
    }

    /** Whether the lock's holder was a process of this host (not us) that no longer runs. */
    private static boolean holderGone(Repository repo, LockInfo info) {
        Environment env = repo.environment();
        return info.hostname().equals(env.hostname()) && info.pid() != env.pid() && !env.processAlive().test(info.pid());
    }

    private static String describe(LockInfo info) {
        return (info.exclusive() ? "exclusive" : "shared") + " lock of pid " + info.pid() + " on " + info.hostname() + " ("
                + info.username() + ") since " + info.time() + ", a process that no longer runs";
    }

    private static BlobId write(Repository repo, boolean exclusive) throws IOException {
        Environment env = repo.environment();
        LockInfo info = new LockInfo(env.clock().instant(), exclusive, env.hostname(), env.username(), env.pid());
        return repo.saveUnpacked(BlobKind.LOCK, Json.write(info));
    }

    private static LockInfo read(Repository repo, String id) {
        try {
            return Json.read(repo.loadUnpacked(BlobKind.LOCK, id), LockInfo.class, "lock " + id);
        } catch (IOException | FormatException e) {
            return null;
        }
    }

    private static void deleteQuietly(Repository repo, BlobId id) {
        try {
            repo.store().delete(BlobName.of(BlobKind.LOCK, id.hex()));
        } catch (BlobNotFoundException e) {
            // already gone
        } catch (IOException e) {
            // a leftover lock goes stale and is ignored after STALE
        }
    }

    private void refreshQuietly() {
        try {
            BlobId fresh = write(repo, exclusive);
            BlobId old = current;
            current = fresh;
            deleteQuietly(repo, old);
        } catch (IOException e) {
            // the old lock stays until it goes stale; the next refresh tries again
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        deleteQuietly(repo, current);
    }
}
