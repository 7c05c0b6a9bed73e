package dev.cairn.engine.repo;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobNotFoundException;
import dev.cairn.engine.format.FormatException;
import dev.cairn.engine.format.Json;
import dev.cairn.engine.id.BlobId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Locks as sealed lock objects under {@code locks/} (spec §Locks), for stores that grant no leases (directories, S3):
 * write ours, then look for conflicting live ones and back out if there is one; refresh every
 * {@link RepositoryLock#REFRESH} by writing a new object and deleting the old; one older than {@link RepositoryLock#STALE}
 * is ignored and may be removed by {@code unlock}; one of a process of this host that no longer runs is removed at once.
 */
final class LockObjects implements Locking {
    static final LockObjects INSTANCE = new LockObjects();

    private LockObjects() {
    }

    @Override
    public Held acquire(Repository repo, boolean exclusive, RepositoryLock.DeadHolder dead) throws IOException {
        BlobId mine = write(repo, exclusive);
        for (String id : repo.list(BlobKind.LOCK)) {
            RepositoryLock.LockInfo other = id.equals(mine.hex()) ? null : read(repo, id);
            if (other == null || !(exclusive || other.exclusive()) || isStale(repo, other)) {
                continue;
            }
            if (holderGone(repo, other)) {
                deleteQuietly(repo, BlobId.parse(id));
                dead.removed((other.exclusive() ? "exclusive" : "shared") + " lock of " + describe(other)
                        + ", a process that no longer runs");
                continue;
            }
            deleteQuietly(repo, mine);
            throw new RepositoryLockedException("repository is " + (other.exclusive() ? "exclusively " : "")
                    + "locked by " + describe(other) + "; wait for it to finish, or if that process is gone run 'cairn unlock'");
        }
        return new Refreshed(repo, exclusive, mine);
    }

    @Override
    public List<String> live(Repository repo) throws IOException {
        List<String> out = new ArrayList<>();
        for (RepositoryLock.LockInfo info : RepositoryLock.list(repo)) {
            if (!isStale(repo, info) && !holderGone(repo, info)) {
                out.add((info.exclusive() ? "exclusive" : "shared") + " lock of " + describe(info));
            }
        }
        return out;
    }

    @Override
    public List<String> remove(Repository repo, boolean all) throws IOException {
        List<String> removed = new ArrayList<>();
        for (String id : repo.list(BlobKind.LOCK)) {
            RepositoryLock.LockInfo info = read(repo, id);
            String why = info == null ? "unreadable " : isStale(repo, info) ? "stale " : holderGone(repo, info)
                    ? "dead process's " : "";
            if (all || !why.isEmpty()) {
                deleteQuietly(repo, BlobId.parse(id));
                removed.add(info == null ? "unreadable lock " + id.substring(0, 10) : why + "lock of " + describe(info));
            }
        }
        return removed;
    }

    private static String describe(RepositoryLock.LockInfo info) {
        return "pid " + info.pid() + " on " + info.hostname() + " (" + info.username() + ") since " + info.time();
    }

    static boolean isStale(Repository repo, RepositoryLock.LockInfo info) {
        return info.time().plus(RepositoryLock.STALE).isBefore(repo.environment().clock().instant());
    }

    /** Whether the lock's holder was a process of this host (not us) that no longer runs. */
    private static boolean holderGone(Repository repo, RepositoryLock.LockInfo info) {
        Environment env = repo.environment();
        return info.hostname().equals(env.hostname()) && info.pid() != env.pid() && !env.processAlive().test(info.pid());
    }

    private static BlobId write(Repository repo, boolean exclusive) throws IOException {
        Environment env = repo.environment();
        RepositoryLock.LockInfo info = new RepositoryLock.LockInfo(env.clock().instant(), exclusive, env.hostname(),
                env.username(), env.pid());
        return repo.saveUnpacked(BlobKind.LOCK, Json.write(info));
    }

    static RepositoryLock.LockInfo read(Repository repo, String id) {
        try {
            return Json.read(repo.loadUnpacked(BlobKind.LOCK, id), RepositoryLock.LockInfo.class, "lock " + id);
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

    /** Our lock object, rewritten every {@link RepositoryLock#REFRESH} until closed. */
    private static final class Refreshed implements Held {
        private final Repository repo;
        private final boolean exclusive;
        private final ScheduledExecutorService refresher;
        private volatile BlobId current;

        Refreshed(Repository repo, boolean exclusive, BlobId current) {
            this.repo = repo;
            this.exclusive = exclusive;
            this.current = current;
            this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "cairn-lock-refresh");
                t.setDaemon(true);
                return t;
            });
            long every = RepositoryLock.REFRESH.toSeconds();
            refresher.scheduleAtFixedRate(this::refreshQuietly, every, every, TimeUnit.SECONDS);
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
}
