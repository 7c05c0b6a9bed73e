package dev.cairn.engine.check;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobNotFoundException;
import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.id.BlobType;
import dev.cairn.engine.index.BlobLocation;
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
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads every snapshot and every tree reachable from them, each tree once, and checks that every blob they reference is in
 * the index with the right type. Problems are reported after the walk, once it is known which snapshots each one affects.
 * Trees are walked with an explicit stack, so deep directory hierarchies cannot overflow the call stack.
 */
final class SnapshotWalker {
    private final Repository repo;
    private final Report report;
    /** Tree id → every blob id it references (subtrees and data); holds only trees that decoded. */
    private final Map<BlobId, List<BlobId>> links = new HashMap<>();
    private final Set<BlobId> visited = new HashSet<>();
    private final Set<BlobId> reportedBlobs = new HashSet<>();
    private final List<Problem> problems = new ArrayList<>();

    private record Problem(BlobId blob, String object, String message) {
    }

    private record Pending(BlobId tree, String path) {
    }

    SnapshotWalker(Repository repo, Report report) {
        this.repo = repo;
        this.report = report;
    }

    /** Walks everything and reports snapshot, tree and blob problems. */
    SnapshotUsage walk() throws IOException {
        List<SnapshotRef> snapshots = loadSnapshots();
        Map<String, BlobId> roots = new HashMap<>();
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
        SnapshotUsage usage = new SnapshotUsage(snapshots, reachable(roots));
        for (Problem p : problems) {
            report.error(p.object(), p.message(), usage.affected(p.blob()));
        }
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
        Deque<Pending> stack = new ArrayDeque<>();
        stack.push(new Pending(root, "/"));
        while (!stack.isEmpty()) {
            Pending p = stack.pop();
            if (visited.add(p.tree())) {
                Tree tree = load(p);
                if (tree != null) {
                    links.put(p.tree(), visitNodes(p, tree, stack));
                }
            }
        }
    }

    private Tree load(Pending p) throws IOException {
        String what = "/".equals(p.path()) ? "the root directory" : "directory " + p.path();
        String lost = ": " + what + " and everything below it cannot be restored";
        BlobLocation loc = repo.index().lookup(p.tree());
        if (loc == null || loc.type() != BlobType.TREE) {
            String why = loc == null ? " is not in the index" : " is indexed as a data blob, not a tree";
            problems.add(new Problem(p.tree(), "tree/" + p.tree().hex(), "tree of " + what + why + lost));
            return null;
        }
        try {
            Tree tree = Snapshots.loadTree(repo, p.tree().hex());
            report.blobChecked();
            return tree;
        } catch (BlobNotFoundException | EOFException e) {
            problems.add(new Problem(p.tree(), "tree/" + p.tree().hex(), "tree of " + what + " cannot be read because "
                    + "its pack data/" + loc.pack().shortHex() + " is missing or truncated" + lost));
        } catch (CorruptDataException e) {
            problems.add(new Problem(p.tree(), "tree/" + p.tree().hex(), "tree of " + what + " is damaged ("
                    + Report.cause(e, "tree blob " + p.tree().hex()) + ")" + lost));
        }
        return null;
    }

    private List<BlobId> visitNodes(Pending parent, Tree tree, Deque<Pending> stack) throws IOException {
        List<BlobId> out = new ArrayList<>();
        for (Node node : tree.nodes()) {
            String path = parent.path().endsWith("/") ? parent.path() + node.name() : parent.path() + "/" + node.name();
            if (node.isDir()) {
                BlobId sub = parse(node.subtree());
                if (sub == null) {
                    malformed(parent, "directory " + path + " has an invalid subtree id '" + node.subtree() + "'");
                } else {
                    out.add(sub);
                    stack.push(new Pending(sub, path));
                }
            } else if (node.isFile()) {
                visitContent(parent, node, path, out);
            }
        }
        return out;
    }

    private void visitContent(Pending parent, Node file, String path, List<BlobId> out) throws IOException {
        for (String hex : file.content()) {
            BlobId data = parse(hex);
            if (data == null) {
                malformed(parent, "file " + path + " lists an invalid data blob id '" + hex + "'");
                continue;
            }
            out.add(data);
            BlobLocation loc = repo.index().lookup(data);
            if ((loc == null || loc.type() != BlobType.DATA) && reportedBlobs.add(data)) {
                String why = loc == null ? "is not in the index" : "is indexed as a tree, not data";
                problems.add(new Problem(data, "blob/" + data.hex(), "data blob " + data.shortHex() + " of file " + path + " "
                        + why + ": the file cannot be fully restored"));
            }
        }
    }

    private void malformed(Pending tree, String what) {
        problems.add(new Problem(tree.tree(), "tree/" + tree.tree().hex(), "tree is malformed: " + what
                + "; that entry cannot be restored"));
    }

    /** Per snapshot, every blob reachable from its root through the decoded trees (damaged trees included, not below). */
    private Map<String, Set<BlobId>> reachable(Map<String, BlobId> roots) {
        Map<String, Set<BlobId>> out = new HashMap<>();
        roots.forEach((snapshot, root) -> {
            Set<BlobId> seen = new HashSet<>();
            Deque<BlobId> stack = new ArrayDeque<>(List.of(root));
            while (!stack.isEmpty()) {
                BlobId id = stack.pop();
                if (seen.add(id)) {
                    stack.addAll(links.getOrDefault(id, List.of()));
                }
            }
            out.put(snapshot, seen);
        });
        return out;
    }

    private static BlobId parse(String hex) {
        try {
            return hex == null ? null : BlobId.parse(hex);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
