package dev.cairn.engine.backup;

import dev.cairn.engine.concurrent.QueueGate;
import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.repo.WriteSession;
import dev.cairn.engine.snapshot.Node;
import dev.cairn.engine.snapshot.TreeBuilder;
import dev.cairn.engine.snapshot.TreeCursor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The directory walk of one backup. Each directory is a {@link DirectoryJob}: its entries are listed in name order
 * ({@link SortedListing}), compared with the parent snapshot's listing of the same directory as both are read (a merge by
 * name, one part of the parent's tree in memory), started a window at a time, and written to the directory's tree as they
 * complete, in order ({@link TreeBuilder}, which saves a large directory part by part). An unchanged file (same size,
 * mtime, ctime and inode as the parent's node, every blob still indexed) is settled on the walking thread; files to read
 * go to the reader pool, at most {@value #MAX_QUEUED_FILES} queued or in progress; directories are listed on the directory
 * pool (LIFO, so the walk stays close to depth-first). No pool thread waits for another, except that listing pauses while too many files wait to
 * be read (reader tasks never wait for the walk). Memory is bounded by the window per open directory and the file queue,
 * not by the size of the tree or of any directory. The synthetic levels above the backed-up paths (/, /home, …) carry the
 * real directories' metadata.
 */
final class TreeWalker {
    private static final int MAX_QUEUED_FILES = 1024;
    /** A walk that found the queue full goes on once this few files are left in it. */
    private static final int RESUME_QUEUED_FILES = 768;
    private final Repository repo;
    private final WriteSession session;
    private final FileSaver saver;
    private final ExecutorService readers;
    private final ExecutorService directories;
    private final SourceFilter filter;
    private final BackupListener listener;
    private final Path scratch;
    private final TreePrefetch prefetch;
    private final Metadata metadata = new Metadata();
    private final Counters counters = new Counters();
    private final QueueGate queuedFiles = new QueueGate(MAX_QUEUED_FILES, RESUME_QUEUED_FILES);

    /** Running totals; thread-safe. */
    static final class Counters {
        final AtomicLong files = new AtomicLong();
        final AtomicLong filesNew = new AtomicLong();
        final AtomicLong filesChanged = new AtomicLong();
        final AtomicLong filesUnmodified = new AtomicLong();
        final AtomicLong dirs = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
    }

    /** @param scratch where the names of very large directories are sorted (a local temporary directory) */
    TreeWalker(Repository repo, WriteSession session, FileSaver saver, ExecutorService readers, ExecutorService directories,
            SourceFilter filter, BackupListener listener, List<Path> missing, Path scratch, TreePrefetch prefetch) {
        this.repo = repo;
        this.session = session;
        this.saver = saver;
        this.readers = readers;
        this.directories = directories;
        this.filter = filter;
        this.listener = listener;
        this.scratch = scratch;
        this.prefetch = prefetch;
        for (Path p : missing) {
            error(p, new java.nio.file.NoSuchFileException(p.toString(), null, "does not exist"));
        }
    }

    Counters counters() {
        return counters;
    }

    /** Archives all sources under one root tree; returns the root tree id. */
    String root(SortedSet<Path> sources, String parentRootTree) throws IOException {
        Path fsRoot = sources.first().getRoot();
        if (sources.contains(fsRoot)) {
            Node root = join(new DirectoryJob(this, fsRoot, "", null, parentRootTree).start());
            if (root == null) {
                throw new java.nio.file.AccessDeniedException(fsRoot.toString(), null, "cannot list the directory to back up");
            }
            return root.subtree();
        }
        return saveLevel(fsRoot, sources, parentRootTree);
    }

    /** Saves one synthetic level: each child is either a backed-up path or a directory on the way to one. */
    private String saveLevel(Path dir, SortedSet<Path> sources, String previousTree) throws IOException {
        TreeSet<String> names = new TreeSet<>();
        for (Path s : sources) {
            if (s.startsWith(dir) && !s.equals(dir)) {
                names.add(dir.relativize(s).getName(0).toString());
            }
        }
        Map<String, Node> previous = synthetic(previousTree, names);
        TreeBuilder out = new TreeBuilder(session, repo.config().splitTrees());
        for (String name : names) {
            Path child = dir.resolve(name);
            Node before = previous.get(name);
            Node node = sources.contains(child) ? join(entry(child, name, before))
                    : metadata.node(child, name, metadata.statFollowing(child), null,
                            saveLevel(child, sources, before != null && before.isDir() ? before.subtree() : null), null);
            if (node != null) {
                out.add(node);
            }
        }
        return out.finish();
    }

    /** The parent snapshot's nodes named {@code names} in the tree {@code treeId} (none if it cannot be read). */
    private Map<String, Node> synthetic(String treeId, SortedSet<String> names) {
        Map<String, Node> out = new HashMap<>();
        if (treeId == null) {
            return out;
        }
        try {
            TreeCursor c = TreeCursor.open(repo, treeId);
            for (Node n = c.next(); n != null; n = c.next()) {
                if (names.contains(n.name())) {
                    out.put(n.name(), n);
                }
            }
        } catch (IOException | RuntimeException e) {
            out.clear(); // unreadable parent: everything below is read again
        }
        return out;
    }

    /** Archives one real entry: files and directories asynchronously, symlinks now. Null result = left out. */
    CompletableFuture<Node> entry(Path path, String name, Node previous) {
        Metadata.Stat st;
        try {
            st = metadata.stat(path);
        } catch (IOException e) {
            error(path, e);
            return CompletableFuture.completedFuture(null);
        }
        if (st.kind() == null) {
            return CompletableFuture.completedFuture(null);
        }
        try {
            return switch (st.kind()) {
                case Node.FILE -> {
                    Node reused = reused(path, name, st, previous);
                    yield reused != null ? CompletableFuture.completedFuture(reused) : queueFile(path, name, st, previous);
                }
                case Node.DIR -> new DirectoryJob(this, path, name, st,
                        previous != null && previous.isDir() ? previous.subtree() : null).start();
                default -> CompletableFuture.completedFuture(
                        metadata.node(path, name, st, null, null, Files.readSymbolicLink(path).toString()));
            };
        } catch (IOException e) {
            error(path, e);
            return CompletableFuture.completedFuture(null);
        }
    }

    /**
     * Hands a file to the reader pool, first waiting while {@value #MAX_QUEUED_FILES} files are queued or being read (and
     * then until {@value #RESUME_QUEUED_FILES} are): the walk lists directories much faster than files are read, and an
     * unbounded queue would hold every file of the tree. Waiting cannot deadlock: reader tasks never wait for the walk.
     */
    private CompletableFuture<Node> queueFile(Path path, String name, Metadata.Stat st, Node previous) {
        queuedFiles.enter();
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return file(path, name, st, previous);
                } finally {
                    queuedFiles.leave();
                }
            }, readers);
        } catch (RuntimeException e) {
            queuedFiles.leave();
            throw e;
        }
    }

    /**
     * The node of an unchanged file, decided on the walking thread (an unchanged file costs a stat and an index lookup per
     * blob, not a trip through the reader pool): the parent's content with the file's current metadata; null if the
     * file must be read.
     */
    private Node reused(Path path, String name, Metadata.Stat st, Node previous) {
        if (!unchanged(st, previous)) {
            return null;
        }
        counters.files.incrementAndGet();
        counters.filesUnmodified.incrementAndGet();
        counters.bytes.addAndGet(st.size());
        listener.fileDone(path.toString(), st.size(), BackupListener.FileState.UNMODIFIED);
        return metadata.node(path, name, st, previous.content(), null, null);
    }

    /** Reads a new or changed file (on the reader pool); null if it cannot be read (reported). */
    private Node file(Path path, String name, Metadata.Stat st, Node previous) {
        counters.files.incrementAndGet();
        try {
            FileSaver.Saved saved = saver.save(path, st.size());
            Metadata.Stat actual = saved.size() == st.size() ? st : resized(st, saved.size());
            BackupListener.FileState state = previous != null && previous.isFile() ? BackupListener.FileState.CHANGED : BackupListener.FileState.NEW;
            (state == BackupListener.FileState.NEW ? counters.filesNew : counters.filesChanged).incrementAndGet();
            counters.bytes.addAndGet(saved.size());
            listener.fileDone(path.toString(), saved.size(), state);
            return metadata.node(path, name, actual, saved.content(), null, null);
        } catch (IOException e) {
            error(path, e);
            return null;
        }
    }

    private boolean unchanged(Metadata.Stat st, Node previous) {
        if (previous == null || !previous.isFile() || previous.size() != st.size() || previous.mtimeNs() != st.mtimeNs()
                || previous.ctimeNs() != st.ctimeNs() || previous.inode() != st.inode()) {
            return false;
        }
        for (String id : previous.content()) {
            if (!has(BlobId.parse(id))) {
                return false;
            }
        }
        return true;
    }

    private static Metadata.Stat resized(Metadata.Stat s, long size) {
        return new Metadata.Stat(s.kind(), s.mode(), s.mtimeNs(), s.ctimeNs(), s.uid(), s.gid(), s.inode(), s.device(), s.links(), size);
    }

    /** Whether the repository or the session has the blob; an unreadable local index aborts the backup. */
    boolean has(BlobId id) {
        try {
            return session.has(id);
        } catch (IOException e) {
            throw new FileSaver.RepositoryWriteFailure(e);
        }
    }

    /** A new tree builder of this repository's format. */
    TreeBuilder treeBuilder() {
        return new TreeBuilder(session, repo.config().splitTrees());
    }

    Repository repo() {
        return repo;
    }

    SourceFilter filter() {
        return filter;
    }

    /** The parent snapshot's trees, read ahead of the walk. */
    TreePrefetch prefetch() {
        return prefetch;
    }

    ExecutorService directories() {
        return directories;
    }

    Metadata metadata() {
        return metadata;
    }

    Path scratch() {
        return scratch;
    }

    /** Counts and announces a finished directory. */
    void dirDone(Path dir) {
        counters.dirs.incrementAndGet();
        listener.dirDone(dir.toString());
    }

    static Node join(CompletableFuture<Node> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    void error(Path path, Exception e) {
        counters.errors.incrementAndGet();
        listener.error(path.toString(), e);
    }
}
