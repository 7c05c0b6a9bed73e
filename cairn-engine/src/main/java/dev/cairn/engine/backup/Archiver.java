package dev.cairn.engine.backup;

import dev.cairn.engine.chunk.Chunkers;
import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.repo.RepositoryLock;
import dev.cairn.engine.repo.WriteSession;
import dev.cairn.engine.snapshot.Snapshot;
import dev.cairn.engine.snapshot.SnapshotSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Backs up paths into a new snapshot. Walks each directory on the calling thread, reads files on {@code readers} threads
 * (content-defined chunks, deduplicated by id, compressed and sealed on the same threads), compares against the parent snapshot to skip unchanged files without reading
 * them (same size, mtime, ctime and inode), writes each directory's tree as it completes (in parts for large directories),
 * and commits packs → index → snapshot. Memory does not grow with the tree (see {@link TreeWalker}).
 * Unreadable items are reported through the listener and left out (the snapshot is marked partial); a repository failure
 * aborts the backup and leaves the repository consistent. Takes a shared lock, so concurrent backups are fine.
 */
public final class Archiver {
    private final Repository repo;
    private final ArchiverOptions options;
    private final BackupListener listener;
    private boolean dryRun;

    private Archiver(Repository repo, ArchiverOptions options, BackupListener listener) {
        this.repo = repo;
        this.options = options;
        this.listener = listener;
    }

    /**
     * This archiver as a dry run ({@code backup --dry-run}): reads, chunks and seals as a backup does, so the counts of
     * what would be new are exact, but stores nothing (only the lock is taken and released; unindexed packs are not adopted).
     */
    public Archiver dryRun() {
        Archiver copy = new Archiver(repo, options, listener);
        copy.dryRun = true;
        return copy;
    }

    public static Archiver create(Repository repo, ArchiverOptions options, BackupListener listener) {
        return new Archiver(repo, options, listener == null ? BackupListener.NONE : listener);
    }

    /**
     * Runs the backup.
     *
     * @throws NoSuchFileException if none of the paths exist
     * @throws IOException on repository failures (the repository stays consistent)
     */
    public BackupResult run(List<Path> paths) throws IOException {
        Instant start = repo.environment().clock().instant();
        TreeSet<Path> sources = normalize(paths);
        Thread scanner = null;
        ExecutorService readers = Executors.newFixedThreadPool(options.readers(), daemon("cairn-read"));
        ExecutorService directories = new java.util.concurrent.ThreadPoolExecutor(options.readers(), options.readers(), 0,
                java.util.concurrent.TimeUnit.SECONDS, new LifoQueue(), daemon("cairn-walk"));
        try (RepositoryLock lock = options.lockWait().acquire(repo, false, listener::lockWaiting, listener::deadLockRemoved);
                WriteSession session = dryRun ? repo.newWriteSession().dryRun() : afterLock(repo.newWriteSession());
                TreePrefetch prefetch = new TreePrefetch(repo)) {
            ParentFinder.Parent parent = ParentFinder.find(repo, options, sources); // under the lock: a forgotten parent is gone
            FileSaver saver = new FileSaver(Chunkers.create(repo.config().chunker(), repo.config().chunkerSecret()), session, listener);
            SourceFilter filter = new SourceFilter(options.excludes(), options.excludeIfPresent());
            scanner = listener.wantsTotals() ? Scanner.start(List.copyOf(sources), filter, listener) : null;
            TreeWalker walker = new TreeWalker(repo, session, saver, readers, directories, filter, listener, missing(paths),
                    java.nio.file.Path.of(System.getProperty("java.io.tmpdir")), prefetch);
            String root = walker.root(sources, parent.tree());
            if (scanner != null) {
                scanner.interrupt();
            }
            listener.phase(BackupListener.Phase.SAVING_INDEX);
            session.flush(); // sealing is asynchronous: the summary's added-bytes counters are final only after a flush
            Snapshot snapshot = snapshot(root, sources, parent.id(), walker.counters(), session, start);
            listener.phase(BackupListener.Phase.WRITING_SNAPSHOT);
            BlobId id = session.commitSnapshot(snapshot);
            return new BackupResult(id == null ? null : id.hex(), snapshot);
        } catch (FileSaver.RepositoryWriteFailure e) {
            throw e.io();
        } finally {
            if (scanner != null) {
                scanner.interrupt();
            }
            readers.shutdownNow();
            directories.shutdownNow();
        }
    }

    /**
     * What the backup re-checks once it holds its lock (spec §Locks): the index, if a prune deleted index files since the
     * repository was opened (so nothing is deduplicated against a deleted blob); then the packs an interrupted backup left
     * unindexed are adopted (spec §Resume).
     */
    private WriteSession afterLock(WriteSession session) throws IOException {
        try {
            repo.refreshIndex(false);
            int adopted = dev.cairn.engine.repo.UnindexedPacks.adopt(repo, session);
            if (adopted > 0) {
                listener.resumed(adopted);
            }
            return session;
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Newest task first: the walk descends into the directory it just found, keeping few directories open at once. */
    private static final class LifoQueue extends java.util.concurrent.LinkedBlockingDeque<Runnable> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean offer(Runnable task) {
            return offerFirst(task);
        }
    }

    private TreeSet<Path> normalize(List<Path> paths) throws IOException {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("nothing to back up: give at least one path");
        }
        TreeSet<Path> out = new TreeSet<>();
        for (Path p : paths) {
            Path abs = p.toAbsolutePath().normalize();
            if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
                out.add(abs);
            }
        }
        if (out.isEmpty()) {
            throw new NoSuchFileException(paths.toString(), null, "none of the paths to back up exist");
        }
        out.removeIf(p -> out.stream().anyMatch(q -> !q.equals(p) && p.startsWith(q)));
        return out;
    }

    private List<Path> missing(List<Path> paths) {
        return paths.stream().map(p -> p.toAbsolutePath().normalize()).filter(p -> !Files.exists(p, LinkOption.NOFOLLOW_LINKS)).toList();
    }

    private Snapshot snapshot(String root, TreeSet<Path> sources, String parentId, TreeWalker.Counters c, WriteSession session, Instant start) {
        Instant now = repo.environment().clock().instant();
        SnapshotSummary summary = new SnapshotSummary(c.filesNew.get(), c.filesChanged.get(), c.filesUnmodified.get(), c.dirs.get(),
                c.files.get(), c.bytes.get(), session.dataBlobsAdded(), session.bytesAdded(), session.packedBytesAdded(), c.errors.get(),
                Duration.between(start, now).toMillis() / 1000.0);
        String host = options.hostOr(repo.environment().hostname());
        List<String> paths = new ArrayList<>();
        sources.forEach(p -> paths.add(p.toString()));
        return new Snapshot(Snapshot.CURRENT_VERSION, start, root, paths, host, repo.environment().username(), options.tags(),
                parentId, options.programVersion(), c.errors.get() > 0, summary);
    }
}
