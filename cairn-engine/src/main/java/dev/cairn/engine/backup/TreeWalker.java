package dev.cairn.engine.backup;

import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.repo.WriteSession;
import dev.cairn.engine.snapshot.Node;
import dev.cairn.engine.snapshot.Snapshots;
import dev.cairn.engine.snapshot.Tree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * The directory walk of one backup. Directories are listed and stat'ed on a directory pool (LIFO, so the walk stays close
 * to depth-first and few directories are open at once), files are read on the reader pool, and a directory's tree is saved
 * as soon as its last entry completes, with its nodes in name order. No thread ever waits for another inside a pool, except that listing pauses while too many files wait to be read. The synthetic levels above the backed-up paths (/, /home, …) carry the real directories' metadata.
 */
final class TreeWalker {
    private final Repository repo;
    private final WriteSession session;
    private final FileSaver saver;
    private final ExecutorService readers;
    private final ExecutorService directories;
    private final SourceFilter filter;
    private final BackupListener listener;
    private final Metadata metadata = new Metadata();
    private final Counters counters = new Counters();
    private static final int MAX_QUEUED_FILES = 1024;
    private final java.util.concurrent.Semaphore queuedFiles = new java.util.concurrent.Semaphore(MAX_QUEUED_FILES);

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

    TreeWalker(Repository repo, WriteSession session, FileSaver saver, ExecutorService readers, ExecutorService directories,
            SourceFilter filter, BackupListener listener, List<Path> missing) {
        this.repo = repo;
        this.session = session;
        this.saver = saver;
        this.readers = readers;
        this.directories = directories;
        this.filter = filter;
        this.listener = listener;
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
        Map<String, Node> parent = children(parentRootTree);
        if (sources.contains(fsRoot)) {
            return saveDirectoryEntries(fsRoot, parent);
        }
        return Archiver.saveTree(session, level(fsRoot, sources, parent));
    }

    /** The nodes of one synthetic level: each child is either a backed-up path or a directory on the way to one. */
    private List<Node> level(Path dir, SortedSet<Path> sources, Map<String, Node> parent) throws IOException {
        TreeSet<String> names = new TreeSet<>();
        for (Path s : sources) {
            if (s.startsWith(dir) && !s.equals(dir)) {
                names.add(dir.relativize(s).getName(0).toString());
            }
        }
        List<Node> nodes = new ArrayList<>();
        for (String name : names) {
            Path child = dir.resolve(name);
            Node previous = parent.get(name);
            Node node = sources.contains(child) ? join(entry(child, name, previous))
                    : syntheticDir(child, name, sources, previous);
            if (node != null) {
                nodes.add(node);
            }
        }
        return nodes;
    }

    private Node syntheticDir(Path dir, String name, SortedSet<Path> sources, Node previous) throws IOException {
        Metadata.Stat st = metadata.statFollowing(dir);
        String subtree = Archiver.saveTree(session, level(dir, sources, children(previous)));
        return metadata.node(dir, name, st, null, subtree, null);
    }

    /** Archives one real entry: files asynchronously, directories and symlinks now. Null result = left out. */
    private CompletableFuture<Node> entry(Path path, String name, Node previous) {
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
                case Node.FILE -> queueFile(path, name, st, previous);
                case Node.DIR -> directory(path, name, st, previous);
                default -> CompletableFuture.completedFuture(
                        metadata.node(path, name, st, null, null, Files.readSymbolicLink(path).toString()));
            };
        } catch (IOException e) {
            error(path, e);
            return CompletableFuture.completedFuture(null);
        }
    }

    /**
     * Hands a file to the reader pool, first waiting while {@value #MAX_QUEUED_FILES} files are queued or being read: the
     * walk lists directories much faster than files are read, and an unbounded queue would hold every file of the tree.
     * Waiting cannot deadlock: reader tasks never wait for the walk.
     */
    private CompletableFuture<Node> queueFile(Path path, String name, Metadata.Stat st, Node previous) {
        queuedFiles.acquireUninterruptibly();
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return file(path, name, st, previous);
                } finally {
                    queuedFiles.release();
                }
            }, readers);
        } catch (RuntimeException e) {
            queuedFiles.release();
            throw e;
        }
    }

    /**
     * Walks a subdirectory without blocking any thread: a task on the directory pool lists it and starts its entries; the
     * tree is saved by whichever thread completes the last entry. (Blocking joins inside a bounded pool can deadlock.)
     */
    private CompletableFuture<Node> directory(Path dir, String name, Metadata.Stat st, Node previous) {
        return CompletableFuture.supplyAsync(() -> {
                    PreviousTree before = previousTree(previous);
                    List<CompletableFuture<Node>> entries = startEntries(dir, before.byName());
                    return entries == null ? null : new Started(before, entries);
                }, directories)
                .thenCompose(started -> started == null ? CompletableFuture.completedFuture((Node) null)
                        : CompletableFuture.allOf(started.entries().toArray(CompletableFuture[]::new))
                                .thenApply(done -> finishDirectory(dir, name, st, started)));
    }

    /** A directory whose entries are under way, with what the parent snapshot had there. */
    private record Started(PreviousTree before, List<CompletableFuture<Node>> entries) {
    }

    /** The parent snapshot's tree of one directory: its id, its nodes in order, and the nodes by name. */
    private record PreviousTree(String id, List<Node> nodes, Map<String, Node> byName) {
        static final PreviousTree NONE = new PreviousTree(null, List.of(), Map.of());
    }

    private Node finishDirectory(Path dir, String name, Metadata.Stat st, Started started) {
        List<Node> nodes = completed(started.entries());
        String subtree = unchangedTree(started.before(), nodes);
        if (subtree == null) {
            subtree = Archiver.saveTree(session, nodes);
        }
        counters.dirs.incrementAndGet();
        listener.dirDone(dir.toString());
        return metadata.node(dir, name, st, null, subtree, null);
    }

    /** Archives a directory's entries and saves its tree, waiting on the calling thread; null if it cannot be listed. */
    private String saveDirectoryEntries(Path dir, Map<String, Node> previous) {
        List<CompletableFuture<Node>> entries = startEntries(dir, previous);
        if (entries == null) {
            return null;
        }
        entries.forEach(TreeWalker::join);
        return Archiver.saveTree(session, completed(entries));
    }

    /** Lists a directory and starts every entry that is not excluded; null (and an error) if it cannot be listed. */
    private List<CompletableFuture<Node>> startEntries(Path dir, Map<String, Node> previous) {
        List<Path> entries;
        try {
            entries = list(dir);
        } catch (IOException | UncheckedIOException e) {
            error(dir, e instanceof UncheckedIOException u ? u.getCause() : (IOException) e);
            return null;
        }
        List<CompletableFuture<Node>> pending = new ArrayList<>(entries.size());
        for (Path p : entries) {
            if (!filter.excluded(p)) {
                String name = p.getFileName().toString();
                pending.add(entry(p, name, previous.get(name)));
            }
        }
        return pending;
    }

    /** The nodes of completed entries, in order, without the ones left out. */
    private static List<Node> completed(List<CompletableFuture<Node>> entries) {
        List<Node> nodes = new ArrayList<>(entries.size());
        for (CompletableFuture<Node> f : entries) {
            Node n = join(f);
            if (n != null) {
                nodes.add(n);
            }
        }
        return nodes;
    }

    private List<Path> list(Path dir) throws IOException {
        if (filter.excludedDirectory(dir)) {
            return List.of();
        }
        return listSorted(dir);
    }

    /** The entries of {@code dir} in name order (the order of a tree's nodes). */
    private static List<Path> listSorted(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(out::add);
        }
        out.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return out;
    }

    private Node file(Path path, String name, Metadata.Stat st, Node previous) {
        counters.files.incrementAndGet();
        if (unchanged(st, previous)) {
            counters.filesUnmodified.incrementAndGet();
            counters.bytes.addAndGet(st.size());
            listener.fileDone(path.toString(), st.size(), BackupListener.FileState.UNMODIFIED);
            return metadata.node(path, name, st, previous.content(), null, null);
        }
        try {
            FileSaver.Saved saved = saver.save(path);
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

    private Map<String, Node> children(Node previous) {
        return previousTree(previous).byName();
    }

    private Map<String, Node> children(String treeId) {
        return previousTree(treeId).byName();
    }

    private PreviousTree previousTree(Node previous) {
        return previous != null && previous.isDir() ? previousTree(previous.subtree()) : PreviousTree.NONE;
    }

    /** The parent snapshot's tree of one directory; empty if there is none or it cannot be read (then files are re-read). */
    private PreviousTree previousTree(String treeId) {
        if (treeId == null) {
            return PreviousTree.NONE;
        }
        try {
            Tree tree = Snapshots.loadTree(repo, treeId);
            Map<String, Node> map = new HashMap<>();
            tree.nodes().forEach(n -> map.put(n.name(), n));
            return new PreviousTree(treeId, tree.nodes(), map);
        } catch (IOException | RuntimeException e) {
            return PreviousTree.NONE;
        }
    }

    /**
     * The parent's tree id when the directory's new nodes equal the parent's, node for node, and the repository still has
     * that tree: the tree would serialise to the same bytes, so re-encoding and re-hashing it (most of the work of an
     * unchanged directory) is skipped. Null otherwise.
     */
    private String unchangedTree(PreviousTree before, List<Node> nodes) {
        if (before.id() == null || !before.nodes().equals(nodes)) {
            return null;
        }
        return has(BlobId.parse(before.id())) ? before.id() : null;
    }

    /** Whether the repository or the session has the blob; an unreadable local index aborts the backup. */
    private boolean has(BlobId id) {
        try {
            return session.has(id);
        } catch (IOException e) {
            throw new FileSaver.RepositoryWriteFailure(e);
        }
    }

    private static Node join(CompletableFuture<Node> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private void error(Path path, Exception e) {
        counters.errors.incrementAndGet();
        listener.error(path.toString(), e);
    }
}
