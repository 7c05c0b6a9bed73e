package dev.cairn.agent.mount;

import dev.cairn.blob.BlobKind;
import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.snapshot.SnapshotRef;
import dev.cairn.engine.snapshot.Snapshots;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * The mount's {@link SnapshotCatalog}, kept up to date (ADR 34): every {@code every} a background thread lists the
 * repository's snapshot objects (one listing: that is the whole cost while nothing changed); when the set differs (a new
 * backup, a forget) it re-reads the index and the snapshots and swaps the catalog, so new snapshots appear under
 * {@code /snapshots/} and {@code /latest/} without a restart. Requests hold {@link #reading()} while they use the index;
 * the swap takes the write side, waiting at most {@link #SWAP_WAIT} for requests under way (a long download), else it
 * tries again at the next interval: a refresh never stalls a request for longer than that.
 */
final class LiveCatalog implements AutoCloseable {
    /** How long a refresh waits for the requests under way to finish before it gives up until the next interval. */
    static final Duration SWAP_WAIT = Duration.ofSeconds(2);

    private final Repository repo;
    private final Consumer<String> problems;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final ScheduledExecutorService timer;
    private volatile SnapshotCatalog catalog;
    private volatile Set<String> ids;

    /** @param every how often to look for changes; null or zero: never (the list stays as it was at start) */
    LiveCatalog(Repository repo, List<SnapshotRef> initial, Duration every, Consumer<String> problems) {
        this.repo = repo;
        this.problems = problems;
        this.catalog = new SnapshotCatalog(initial);
        this.ids = idsOf(initial);
        if (every == null || every.isZero() || every.isNegative()) {
            timer = null;
        } else {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "cairn-dav-refresh");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleWithFixedDelay(this::refreshQuietly, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The catalog in force. */
    SnapshotCatalog current() {
        return catalog;
    }

    /** Held by a request for as long as it reads trees or blobs (the index may not be swapped meanwhile). */
    Lock reading() {
        return lock.readLock();
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (IOException | RuntimeException e) {
            problems.accept("could not refresh the list of snapshots (the old one stays): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Looks for changed snapshots and swaps the catalog if there are; returns whether it did. */
    boolean refresh() throws IOException, InterruptedException {
        Set<String> now = new HashSet<>(repo.list(BlobKind.SNAPSHOT));
        if (now.equals(ids)) {
            return false;
        }
        Lock write = lock.writeLock();
        if (!write.tryLock(SWAP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            return false; // requests under way: next interval
        }
        try {
            repo.refreshIndex(true);
            List<SnapshotRef> snapshots = Snapshots.list(repo);
            catalog = new SnapshotCatalog(snapshots);
            ids = idsOf(snapshots);
            return true;
        } finally {
            write.unlock();
        }
    }

    private static Set<String> idsOf(List<SnapshotRef> snapshots) {
        Set<String> set = new HashSet<>();
        snapshots.forEach(s -> set.add(s.id()));
        return set;
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
