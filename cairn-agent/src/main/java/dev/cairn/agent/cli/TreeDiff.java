package dev.cairn.agent.cli;

import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.snapshot.Node;
import dev.cairn.engine.snapshot.Snapshots;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares two snapshot trees: {@code +} added, {@code -} removed, {@code M} modified (file content or link target). Equal
 * subtree ids are skipped without loading them, so the cost follows the size of the change. A type change counts as a
 * removal plus an addition. Not thread-safe; one instance per comparison.
 */
final class TreeDiff {
    /** One changed path; directories end in {@code /}. */
    record Change(String modifier, String path) {
    }

    /** Counts of the changes; byte counts are the plaintext sizes of added and removed files. */
    record Summary(long filesAdded, long filesRemoved, long filesModified, long dirsAdded, long dirsRemoved, long bytesAdded,
            long bytesRemoved) {
    }

    private final Repository repo;
    private final List<Change> changes = new ArrayList<>();
    private long filesAdded;
    private long filesRemoved;
    private long filesModified;
    private long dirsAdded;
    private long dirsRemoved;
    private long bytesAdded;
    private long bytesRemoved;

    TreeDiff(Repository repo) {
        this.repo = repo;
    }

    List<Change> changes() {
        return changes;
    }

    Summary summary() {
        return new Summary(filesAdded, filesRemoved, filesModified, dirsAdded, dirsRemoved, bytesAdded, bytesRemoved);
    }

    /** Compares two trees of the directory {@code dir}; either id may be null (an absent directory). */
    void compare(String dir, String before, String after) throws IOException {
        if (Objects.equals(before, after)) {
            return;
        }
        Map<String, Node> a = nodes(before);
        Map<String, Node> b = nodes(after);
        TreeSet<String> names = new TreeSet<>(a.keySet());
        names.addAll(b.keySet());
        for (String name : names) {
            compareNode(SnapshotTrees.child(dir, name), a.get(name), b.get(name));
        }
    }

    private void compareNode(String path, Node x, Node y) throws IOException {
        if (y == null) {
            side("-", path, x);
        } else if (x == null) {
            side("+", path, y);
        } else if (!Objects.equals(x.type(), y.type())) {
            side("-", path, x);
            side("+", path, y);
        } else if (x.isDir()) {
            compare(path, x.subtree(), y.subtree());
        } else if (x.size() != y.size() || !x.content().equals(y.content()) || !Objects.equals(x.linkTarget(), y.linkTarget())) {
            changes.add(new Change("M", path));
            filesModified++;
        }
    }

    /** Records an added or removed node and, for a directory, everything below it. */
    private void side(String modifier, String path, Node node) throws IOException {
        boolean added = modifier.equals("+");
        changes.add(new Change(modifier, node.isDir() ? path + "/" : path));
        if (node.isDir()) {
            if (added) {
                dirsAdded++;
            } else {
                dirsRemoved++;
            }
            for (Node child : nodes(node.subtree()).values()) {
                side(modifier, SnapshotTrees.child(path, child.name()), child);
            }
        } else if (added) {
            filesAdded++;
            bytesAdded += node.size();
        } else {
            filesRemoved++;
            bytesRemoved += node.size();
        }
    }

    private Map<String, Node> nodes(String treeId) throws IOException {
        Map<String, Node> map = new TreeMap<>();
        if (treeId != null) {
            Snapshots.loadTree(repo, treeId).nodes().forEach(n -> map.put(n.name(), n));
        }
        return map;
    }
}
