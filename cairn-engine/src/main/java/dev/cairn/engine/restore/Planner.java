package dev.cairn.engine.restore;

import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.repo.CorruptDataException;
import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.restore.RestorePlan.Item;
import dev.cairn.engine.restore.RestorePlan.Problem;
import dev.cairn.engine.snapshot.Node;
import dev.cairn.engine.snapshot.Snapshots;
import dev.cairn.engine.snapshot.Tree;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Walks a snapshot's trees and computes the {@link RestorePlan}: which entries the filter selects and where each goes.
 * Every node name is validated before it is used in a path, which is what keeps a malicious snapshot inside the target.
 * A damaged tree or a refused name becomes a {@link Problem} and only that subtree is skipped. Single use; not thread-safe.
 */
final class Planner {
    /** Deeper nesting cannot be a real file system (paths would pass PATH_MAX); refusing it bounds the recursion. */
    static final int MAX_DEPTH = 1024;
    private final Repository repo;
    private final PathFilter filter;
    private final Path root;
    private final List<Item> dirs = new ArrayList<>();
    private final List<Item> files = new ArrayList<>();
    private final List<Item> links = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private final Set<String> seenBlobs = new HashSet<>();
    private final Set<String> sharedBlobs = new HashSet<>();
    private long totalBytes;

    Planner(Repository repo, PathFilter filter, Path root) {
        this.repo = repo;
        this.filter = filter;
        this.root = root;
    }

    /** Plans the restore of the tree {@code rootTree} (hex id) under {@code root}. */
    RestorePlan plan(String rootTree) {
        walk(rootTree, "", root, filter.selectsAll(), 0);
        Set<BlobId> shared = new HashSet<>();
        for (String hex : sharedBlobs) {
            try {
                shared.add(BlobId.parse(hex));
            } catch (IllegalArgumentException e) {
                // reported when the file that names it is restored
            }
        }
        return new RestorePlan(List.copyOf(dirs), List.copyOf(files), List.copyOf(links), Set.copyOf(shared), totalBytes,
                List.copyOf(problems));
    }

    /** Plans the children of one tree; returns whether anything below was planned. */
    private boolean walk(String treeId, String dirPath, Path dirTarget, boolean selected, int depth) {
        Tree tree = load(treeId, dirPath, depth);
        if (tree == null) {
            return false;
        }
        Set<String> taken = new HashSet<>();
        for (Node n : tree.nodes()) {
            taken.add(n.name());
        }
        Set<String> names = new HashSet<>();
        RestorePlan.Dir dir = new RestorePlan.Dir(dirPath, dirTarget);
        boolean planned = false;
        for (Node n : tree.nodes()) {
            String refusal = refusal(n, names);
            if (refusal != null) {
                problem(dirPath + "/" + printable(n.name()), new CorruptDataException("tree of " + display(dirPath) + " is damaged or "
                        + "malicious: " + refusal + "; the entry was not restored"));
                continue;
            }
            Item item = new Item(dir, n, null);
            planned |= visit(item, selected, taken, depth);
        }
        return planned;
    }

    private boolean visit(Item item, boolean parentSelected, Set<String> taken, int depth) {
        Path path = Path.of(item.snapshotPath());
        if (filter.excluded(path)) {
            return false;
        }
        boolean selected = parentSelected || filter.included(path);
        Node n = item.node();
        if (n.isDir()) {
            return visitDir(item, path, selected, depth);
        }
        if (!selected) {
            return false;
        }
        if (n.isFile()) {
            String partial = PartialNames.choose(n.name(), taken);
            addFile(new Item(item.dir(), n, partial.equals(n.name() + PartialNames.SUFFIX) ? null : partial));
            return true;
        }
        if (n.isSymlink()) {
            links.add(item);
            return true;
        }
        return false;
    }

    private boolean visitDir(Item item, Path path, boolean selected, int depth) {
        if (!selected && !filter.mayIncludeBelow(path)) {
            return false;
        }
        dirs.add(item);
        boolean below;
        if (item.node().subtree() == null) {
            problem(item.snapshotPath(), new CorruptDataException("directory " + item.snapshotPath() + " has no subtree"));
            below = false;
        } else {
            below = walk(item.node().subtree(), item.snapshotPath(), item.path(), selected, depth + 1);
        }
        if (!selected && !below) {
            dirs.remove(dirs.size() - 1);
            return false;
        }
        return true;
    }

    private void addFile(Item item) {
        files.add(item);
        totalBytes += Math.max(0, item.node().size());
        for (String id : item.node().content()) {
            if (!seenBlobs.add(id)) {
                sharedBlobs.add(id);
            }
        }
    }

    private Tree load(String treeId, String dirPath, int depth) {
        if (depth > MAX_DEPTH) {
            problem(display(dirPath), new CorruptDataException("trees nest deeper than " + MAX_DEPTH + " levels below "
                    + display(dirPath) + "; refusing to descend"));
            return null;
        }
        try {
            return Snapshots.loadTree(repo, treeId);
        } catch (IllegalArgumentException e) {
            problem(display(dirPath), new CorruptDataException("tree id '" + treeId + "' of " + display(dirPath) + " is invalid", e));
        } catch (IOException e) {
            problem(display(dirPath), e);
        }
        return null;
    }

    /** Why a node cannot be restored, or null when it can. Records the name in {@code names}. */
    static String refusal(Node n, Set<String> names) {
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
        if (!names.add(name)) {
            return "two nodes are named '" + printable(name) + "'";
        }
        if (n.type() == null) {
            return "node '" + printable(name) + "' has no type";
        }
        return null;
    }

    private void problem(String snapshotPath, Exception e) {
        problems.add(new Problem(snapshotPath, e));
    }

    private static String display(String dirPath) {
        return dirPath.isEmpty() ? "/" : dirPath;
    }

    private static String printable(String name) {
        return name == null ? "" : name.replace("\0", "\\0");
    }
}
