package dev.cairn.engine.restore;

import dev.cairn.engine.repo.CorruptDataException;
import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.snapshot.Node;
import dev.cairn.engine.snapshot.TreeCursor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Walks a snapshot's trees depth-first and hands each selected entry to a {@link Sink} as it is read: nothing of the
 * snapshot is collected, so memory holds one part of one tree per directory level, however many files there are. Every
 * node name is validated before it is used in a path, which is what keeps a malicious snapshot inside the target: names
 * must not be empty, {@code .}, {@code ..}, contain {@code /} or NUL, or repeat (a split listing must be strictly
 * ascending, which also rules out repeats). A damaged tree or a refused name becomes a problem and only that subtree is
 * skipped. Single use; not thread-safe.
 */
final class RestoreWalk {
    /** Deeper nesting cannot be a real file system (paths would pass PATH_MAX); refusing it bounds the recursion. */
    static final int MAX_DEPTH = 1024;
    private final Repository repo;
    private final PathFilter filter;
    private final Problems problems;

    /** Receives what the walk selects. Directories are announced before anything inside them. */
    interface Sink {
        /** A directory the filter selects itself (not only for what lies below it). */
        default void selectedDirectory(Dir dir) {
        }

        void file(Item file) throws IOException;

        default void symlink(Item link) {
        }
    }

    /** Receives entries that cannot be restored. */
    @FunctionalInterface
    interface Problems {
        void problem(String snapshotPath, Exception e);
    }

    RestoreWalk(Repository repo, PathFilter filter, Problems problems) {
        this.repo = repo;
        this.filter = filter;
        this.problems = problems;
    }

    /** Walks the tree {@code rootTree} (hex id) into {@code root}. */
    void walk(String rootTree, Dir root, Sink sink) throws IOException {
        walkTree(rootTree, root, filter.selectsAll(), 0, sink);
    }

    private void walkTree(String treeId, Dir dir, boolean selected, int depth, Sink sink) throws IOException {
        TreeCursor nodes = open(treeId, dir.snapshotPath(), depth);
        if (nodes == null) {
            return;
        }
        PartialNames.Chooser partials;
        try {
            partials = new PartialNames.Chooser(reservedNames(treeId, nodes));
        } catch (IOException e) {
            problem(display(dir.snapshotPath()), e);
            return;
        }
        NameCheck names = new NameCheck(nodes.parts() > 0);
        try {
            for (Node n = nodes.next(); n != null; n = nodes.next()) {
                String refusal = names.refusal(n);
                if (refusal != null) {
                    problem(dir.snapshotPath() + "/" + printable(n.name()), new CorruptDataException("tree of "
                            + display(dir.snapshotPath()) + " is damaged or malicious: " + refusal + "; the entry was not restored"));
                    continue;
                }
                visit(dir, n, selected, depth, partials, sink);
            }
        } catch (CorruptDataException e) {
            problem(display(dir.snapshotPath()), e);
        }
    }

    private void visit(Dir dir, Node n, boolean parentSelected, int depth, PartialNames.Chooser partials, Sink sink)
            throws IOException {
        Path path = filter.isEmpty() ? null : Path.of(dir.snapshotPath() + "/" + n.name()); // no per-entry parse without patterns
        if (path != null && filter.excluded(path)) {
            return;
        }
        boolean selected = parentSelected || path != null && filter.included(path);
        if (n.isDir()) {
            visitDir(dir, n, path, selected, depth, sink);
        } else if (selected && n.isFile()) {
            String partial = partials.choose(n.name());
            sink.file(new Item(dir, n, partial.equals(n.name() + PartialNames.SUFFIX) ? null : partial));
        } else if (selected && n.isSymlink()) {
            sink.symlink(new Item(dir, n, null));
        }
    }

    private void visitDir(Dir parent, Node n, Path path, boolean selected, int depth, Sink sink) throws IOException {
        if (!selected && (path == null || !filter.mayIncludeBelow(path))) {
            return;
        }
        Dir dir = parent.child(n);
        try {
            if (selected) {
                sink.selectedDirectory(dir);
            }
            if (n.subtree() == null) {
                problem(dir.snapshotPath(), new CorruptDataException("directory " + dir.snapshotPath() + " has no subtree"));
            } else {
                walkTree(n.subtree(), dir, selected, depth + 1, sink);
            }
        } finally {
            dir.release();
        }
    }

    /**
     * The listing's names that contain the partial suffix (a file must not be written under one of them). A single-blob
     * tree is in memory already; a split one is read through once more.
     */
    private Set<String> reservedNames(String treeId, TreeCursor nodes) throws IOException {
        Set<String> out = new HashSet<>();
        if (nodes.parts() == 0) {
            nodes.single().forEach(n -> reserve(out, n));
        } else {
            TreeCursor scan = TreeCursor.open(repo, treeId);
            for (Node n = scan.next(); n != null; n = scan.next()) {
                reserve(out, n);
            }
        }
        return out;
    }

    private static void reserve(Set<String> reserved, Node n) {
        if (n.name() != null && n.name().contains(PartialNames.SUFFIX)) {
            reserved.add(n.name());
        }
    }

    private TreeCursor open(String treeId, String dirPath, int depth) {
        if (depth > MAX_DEPTH) {
            problem(display(dirPath), new CorruptDataException("trees nest deeper than " + MAX_DEPTH + " levels below "
                    + display(dirPath) + "; refusing to descend"));
            return null;
        }
        try {
            return TreeCursor.open(repo, treeId);
        } catch (IllegalArgumentException e) {
            problem(display(dirPath), new CorruptDataException("tree id '" + treeId + "' of " + display(dirPath) + " is invalid", e));
        } catch (IOException e) {
            problem(display(dirPath), e);
        }
        return null;
    }

    /** Refuses names that could escape the target or repeat within a directory. Not thread-safe. */
    static final class NameCheck {
        private final boolean ascending;
        private final Set<String> names = new HashSet<>();
        private String last;

        /** @param ascending check order instead of remembering names (for split listings, which are large) */
        NameCheck(boolean ascending) {
            this.ascending = ascending;
        }

        /** Why a node cannot be restored, or null when it can. */
        String refusal(Node n) {
            String name = n.name();
            if (name == null || name.isEmpty()) {
                return "a node has an empty name";
            }
            if (name.equals(".") || name.equals("..")) {
                return "a node is named '" + name + "'";
            }
            if (name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
                return "node name '" + printable(name) + "' contains '/' or NUL";
            }
            if (ascending ? last != null && last.compareTo(name) >= 0 : !names.add(name)) {
                return ascending && !last.equals(name) ? "node '" + printable(name) + "' is out of order"
                        : "two nodes are named '" + printable(name) + "'";
            }
            last = name;
            if (n.type() == null) {
                return "node '" + printable(name) + "' has no type";
            }
            return null;
        }
    }

    private void problem(String snapshotPath, Exception e) {
        problems.problem(snapshotPath, e);
    }

    private static String display(String dirPath) {
        return dirPath.isEmpty() ? "/" : dirPath;
    }

    private static String printable(String name) {
        return name == null ? "" : name.replace("\0", "\\0");
    }
}
