package dev.cairn.engine.check;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobNotFoundException;
import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.id.BlobType;
import dev.cairn.engine.index.BlobLocation;
import dev.cairn.engine.index.MasterIndex;
import dev.cairn.engine.repo.CorruptDataException;
import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.repo.RepositoryException;
import dev.cairn.engine.repo.UnsupportedFormatException;
import dev.cairn.engine.snapshot.Node;
import dev.cairn.engine.snapshot.SnapshotRef;
import dev.cairn.engine.snapshot.Snapshots;
import dev.cairn.engine.snapshot.Tree;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads every snapshot and every tree reachable from them (with the parts of split trees), each tree once, and checks that
 * every blob they reference is in the index with the right type. Problems are reported after the walk, once it is known
 * which snapshots each one affects. Trees are walked with an explicit stack, so deep directory hierarchies cannot
 * overflow the call stack. Memory: a bit per index entry for the trees walked, one part of one tree per directory level,
 * and the problems found.
 */
final class SnapshotWalker {
    private final Repository repo;
    private final Report report;
    private final MasterIndex.Ordinals ordinals;
    private final BitSet visited = new BitSet();
    /** Trees the index does not list (each one a problem, reported once). */
    private final Set<BlobId> visitedOutside = new HashSet<>();
    private final Set<BlobId> reportedBlobs = new HashSet<>();
    private final Deferred problems = new Deferred();

    /** A directory being walked: its tree, its path, and what is left of its listing. */
    private static final class Frame {
        final BlobId tree;
        final String path;
        Iterator<Node> nodes;
        final Iterator<String> parts;

        Frame(BlobId tree, String path, Tree t) {
            this.tree = tree;
            this.path = path;
            this.nodes = t.nodes().iterator();
            this.parts = t.split() ? t.parts().iterator() : List.<String>of().iterator();
        }
    }

    SnapshotWalker(Repository repo, Report report) throws IOException {
        this.repo = repo;
        this.report = report;
        this.ordinals = repo.index().ordinals();
    }

    /** Walks everything and reports snapshot, tree and blob problems. */
    SnapshotUsage walk() throws IOException {
        List<SnapshotRef> snapshots = loadSnapshots();
        Map<String, BlobId> roots = new LinkedHashMap<>();
        for (int i = 0; i < snapshots.size(); i++) {
            report.progress("trees", i, snapshots.size());
            SnapshotRef ref = snapshots.get(i);
            BlobId root = parse(ref.snapshot().tree());
            if (root == null) {
                report.error("snapshots/" + ref.id(), "snapshot names an invalid root tree id '" + ref.snapshot().tree()
                        + "': nothing in it can be restored; run a new backup of the same paths", List.of(ref.shortId()));
                continue;
            }
            roots.put(ref.id(), root);
            walkTree(root);
        }
        SnapshotUsage usage = new SnapshotUsage(repo, snapshots, roots);
        problems.flush(report, usage);
        return usage;
    }

    private List<SnapshotRef> loadSnapshots() throws IOException {
        List<String> ids = repo.list(BlobKind.SNAPSHOT).stream().sorted().toList();
        List<SnapshotRef> loaded = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            report.progress("snapshots", i, ids.size());
            String id = ids.get(i);
            report.snapshotChecked();
            try {
                loaded.add(new SnapshotRef(id, Snapshots.load(repo, id)));
            } catch (BlobNotFoundException e) {
                // removed since it was listed (a concurrent forget)
            } catch (UnsupportedFormatException e) {
                report.warning("snapshots/" + id, e.getMessage() + "; this cairn cannot check it");
            } catch (RepositoryException e) {
                report.error("snapshots/" + id, "snapshot cannot be read (" + Report.cause(e, "snapshots/" + id) + "): the backup it recorded "
                        + "cannot be restored. Run a new backup of the same paths; the damaged file can then be deleted",
                        List.of(id.substring(0, 8)));
            }
        }
        loaded.sort(Comparator.comparing((SnapshotRef r) -> r.snapshot().time()).thenComparing(SnapshotRef::id));
        return loaded;
    }

    private void walkTree(BlobId root) throws IOException {
        Deque<Frame> stack = new ArrayDeque<>();
        enter(stack, root, "/");
        while (!stack.isEmpty()) {
            Frame f = stack.peek();
            if (f.nodes.hasNext()) {
                visitNode(stack, f, f.nodes.next());
            } else if (f.parts.hasNext()) {
                nextPart(f);
            } else {
                stack.pop();
            }
        }
    }

    /** Starts walking a tree not walked before; a tree that cannot be read becomes a problem. */
    private void enter(Deque<Frame> stack, BlobId tree, String path) throws IOException {
        if (firstVisit(tree)) {
            Tree t = load(tree, path, "tree of " + what(path), true);
            if (t != null && t.split() && !t.nodes().isEmpty()) {
                malformed(tree, "it lists parts and nodes");
            } else if (t != null) {
                stack.push(new Frame(tree, path, t));
            }
        }
    }

    /** Moves a split tree's frame on to its next part (each part is walked once, however many trees share it). */
    private void nextPart(Frame f) throws IOException {
        BlobId part = parse(f.parts.next());
        if (part == null) {
            malformed(f.tree, "it lists an invalid part id");
            return;
        }
        if (!firstVisit(part)) {
            return;
        }
        Tree t = load(part, f.path, "part of the tree of " + what(f.path), false);
        if (t != null && t.split()) {
            malformed(f.tree, "its part " + part.shortHex() + " lists parts itself");
        } else if (t != null) {
            f.nodes = t.nodes().iterator();
        }
    }

    private boolean firstVisit(BlobId tree) throws IOException {
        long n = ordinals.of(tree);
        if (n < 0) {
            return visitedOutside.add(tree);
        }
        int bit = Math.toIntExact(n);
        if (visited.get(bit)) {
            return false;
        }
        visited.set(bit);
        return true;
    }

    private static String what(String path) {
        return "/".equals(path) ? "the root directory" : "directory " + path;
    }

    /** Loads a tree blob checked against the index; null (and a problem) if it cannot be read. */
    private Tree load(BlobId tree, String path, String description, boolean whole) throws IOException {
        String lost = ": " + what(path) + (whole ? " and everything below it" : ", in part,") + " cannot be restored";
        BlobLocation loc = repo.index().lookup(tree);
        if (loc == null || loc.type() != BlobType.TREE) {
            String why = loc == null ? " is not in the index" : " is indexed as a data blob, not a tree";
            problems.error("tree/" + tree.hex(), description + why + lost, List.of(tree));
            return null;
        }
        try {
            Tree t = Snapshots.loadTree(repo, tree.hex());
            report.treeChecked();
            return t;
        } catch (BlobNotFoundException | EOFException e) {
            problems.error("tree/" + tree.hex(), description + " cannot be read because its pack data/" + loc.pack().shortHex()
                    + " is missing or truncated" + lost, List.of(tree));
        } catch (CorruptDataException e) {
            problems.error("tree/" + tree.hex(), description + " is damaged (" + Report.cause(e, "tree blob " + tree.hex()) + ")"
                    + lost, List.of(tree));
        }
        return null;
    }

    private void visitNode(Deque<Frame> stack, Frame parent, Node node) throws IOException {
        String path = parent.path.endsWith("/") ? parent.path + node.name() : parent.path + "/" + node.name();
        if (node.isDir()) {
            BlobId sub = parse(node.subtree());
            if (sub == null) {
                malformed(parent.tree, "directory " + path + " has an invalid subtree id '" + node.subtree() + "'");
            } else {
                enter(stack, sub, path);
            }
        } else if (node.isFile()) {
            visitContent(parent.tree, node, path);
        }
    }

    private void visitContent(BlobId tree, Node file, String path) throws IOException {
        for (String hex : file.content()) {
            BlobId data = parse(hex);
            if (data == null) {
                malformed(tree, "file " + path + " lists an invalid data blob id '" + hex + "'");
                continue;
            }
            BlobLocation loc = repo.index().lookup(data);
            if ((loc == null || loc.type() != BlobType.DATA) && reportedBlobs.add(data)) {
                String why = loc == null ? "is not in the index" : "is indexed as a tree, not data";
                problems.error("blob/" + data.hex(), "data blob " + data.shortHex() + " of file " + path + " " + why
                        + ": the file cannot be fully restored", List.of(data));
            }
        }
    }

    private void malformed(BlobId tree, String what) {
        problems.error("tree/" + tree.hex(), "tree is malformed: " + what + "; that entry cannot be restored", List.of(tree));
    }

    private static BlobId parse(String hex) {
        try {
            return hex == null ? null : BlobId.parse(hex);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
