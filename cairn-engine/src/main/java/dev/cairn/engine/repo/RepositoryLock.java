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
 * new lock object and deleting the old one; one older than {@link #STALE} is ignored and may be removed by {@code unlock}.
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

    /**
     * Takes the lock: writes our lock object, then looks for conflicting live locks and backs out if there is one.
     *
     * @throws RepositoryLockedException naming the holder of a conflicting lock
     */
    public static RepositoryLock acquire(Repository repo, boolean exclusive) throws IOException {
        BlobId mine = write(repo, exclusive);
        for (String id : repo.list(BlobKind.LOCK)) {
            if (id.equals(mine.hex())) {
                continue;
            }
            LockInfo other = read(repo, id);
            if (other != null && !isStale(repo, other) && (exclusive || other.exclusive())) {
                deleteQuietly(repo, mine);
                throw new RepositoryLockedException("repository is " + (other.exclusive() ? "exclusively " : "") + "locked by pid "
                        + other.pid() + " on " + other.hostname() + " (" + other.username() + ") since " + other.time()
                        + "; wait for it to finish, or if that process is gone run 'cairn unlock'");
            }
        }
        return new RepositoryLock(repo, exclusive, mine);
    }

    /** Removes lock objects older than {@link #STALE} (or unreadable ones); returns how many were removed. */
    public static int removeStale(Repository repo, boolean all) throws IOException {
        int removed = 0;
        for (String id : repo.list(BlobKind.LOCK)) {
            LockInfo info = read(repo, id);
            if (all || info == null || isStale(repo, info)) {
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
