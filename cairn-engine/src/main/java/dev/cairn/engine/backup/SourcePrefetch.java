package dev.cairn.engine.backup;

import dev.cairn.engine.snapshot.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lists and stats the backup sources on a background thread while the caller is still opening the repository (key
 * derivation and index loading run on one core), so the walk finds much of the file-system metadata already read. An
 * incremental backup of an unchanged tree is mostly this metadata work.
 *
 * <p>Contract: purely an optimisation. The walk takes each prefetched listing or stat at most once and reads the file system
 * itself for everything else; the prefetch stops when the walk starts ({@link #stop}) or after {@value #MAX_ENTRIES} entries,
 * which bounds its memory. Entries are a few hundred milliseconds older than the walk's own would be, no different in kind
 * from a walk that is not atomic anyway: a file that changes in between is seen as changed by the next backup. Errors are
 * not reported here; the walk meets them again and reports them. Thread-safe.
 */
public final class SourcePrefetch {
    /** A prefetch that has nothing: the walk reads everything itself. */
    public static final SourcePrefetch NONE = new SourcePrefetch(null);
    static final int MAX_ENTRIES = 100_000;

    private final SourceFilter filter;
    private final Metadata metadata = new Metadata();
    private final Map<Path, List<Path>> listings = new ConcurrentHashMap<>();
    private final Map<Path, Metadata.Stat> stats = new ConcurrentHashMap<>();
    private final AtomicInteger entries = new AtomicInteger();
    private final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    private volatile boolean stopped;

    private SourcePrefetch(SourceFilter filter) {
        this.filter = filter;
        this.stopped = filter == null;
    }

    /** Starts prefetching {@code paths} (as given to {@link Archiver#run}) with the options' excludes on a daemon thread. */
    public static SourcePrefetch start(List<Path> paths, ArchiverOptions options) {
        SourcePrefetch prefetch = new SourcePrefetch(new SourceFilter(options.excludes(), options.excludeIfPresent()));
        Thread t = new Thread(() -> prefetch.run(paths), "cairn-prefetch");
        t.setDaemon(true);
        t.start();
        return prefetch;
    }

    /** Stops prefetching; what is cached stays available to the walk. Idempotent. */
    public void stop() {
        stopped = true;
    }

    /** The prefetched, sorted listing of {@code dir} (removed from the cache), or null. */
    List<Path> takeListing(Path dir) {
        return listings.isEmpty() ? null : listings.remove(dir);
    }

    /** The prefetched {@code lstat} of {@code path} (removed from the cache), or null. */
    Metadata.Stat takeStat(Path path) {
        return stats.isEmpty() ? null : stats.remove(path);
    }

    /** Waits until the prefetch has finished or stopped (for tests); false on time-out. */
    boolean awaitDone(java.time.Duration timeout) throws InterruptedException {
        return stopped && filter == null || done.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Entries (stats) prefetched and not yet taken by the walk. */
    int cachedStats() {
        return stats.size();
    }

    private void run(List<Path> paths) {
        try {
            for (Path p : paths) {
                Path abs = p.toAbsolutePath().normalize();
                if (Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) {
                    visit(abs);
                }
            }
        } finally {
            done.countDown();
        }
    }

    private void visit(Path dir) {
        if (stopped || entries.get() >= MAX_ENTRIES || filter.excludedDirectory(dir)) {
            return;
        }
        List<Path> listing;
        try {
            listing = TreeWalker.listSorted(dir);
        } catch (IOException | RuntimeException e) {
            return;
        }
        listings.put(dir, listing);
        for (Path p : listing) {
            if (stopped || filter.excluded(p)) {
                continue;
            }
            try {
                Metadata.Stat st = metadata.stat(p);
                stats.put(p, st);
                entries.incrementAndGet();
                if (Node.DIR.equals(st.kind())) {
                    visit(p);
                }
            } catch (IOException | RuntimeException e) {
                // the walk stats it again and reports the error
            }
        }
    }
}
