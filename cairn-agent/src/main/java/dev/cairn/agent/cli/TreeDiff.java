package dev.cairn.agent.cli;

import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.snapshot.Node;
import dev.cairn.engine.snapshot.TreeCursor;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Compares two snapshot trees: {@code +} added, {@code -} removed, {@code M} modified (file content or link target). Equal
 * subtree ids are skipped without loading them, so the cost follows the size of the change. A type change counts as a
 * removal plus an addition. Both listings are read side by side in name order, one part at a time, and each change goes to
 * the consumer as it is found: memory holds the current directory chain, not the change list. Not thread-safe; one
 * instance per comparison.
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
    private final Consumer<Change> changes;
    private long filesAdded;
    private long filesRemoved;
    private long filesModified;
    private long dirsAdded;
    private long dirsRemoved;
    private long bytesAdded;
    private long bytesRemoved;

    TreeDiff(Repository repo, Consumer<Change> changes) {
        this.repo = repo;
        this.changes = changes;
    }

    Summary summary() {
        return new Summary(filesAdded, filesRemoved, filesModified, dirsAdded, dirsRemoved, bytesAdded, bytesRemoved);
    }

    /** Compares two trees of the directory {@code dir}; either id may be null (an absent directory). */
    void compare(String dir, String before, String after) throws IOException {
        if (Objects.equals(before, after)) {
            return;
        }
        TreeCursor a = cursor(before);
        TreeCursor b = cursor(after);
        while (a.peek() != null || b.peek() != null) {
            Node x = a.peek();
            Node y = b.peek();
            int c = x == null ? 1 : y == null ? -1 : x.name().compareTo(y.name());
            if (c <= 0) {
                a.next();
            }
            if (c >= 0) {
                b.next();
            }
            String name = c <= 0 ? x.name() : y.name();
            compareNode(SnapshotTrees.child(dir, name), c <= 0 ? x : null, c >= 0 ? y : null);
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
            changes.accept(new Change("M", path));
            filesModified++;
            bytesAdded += blobBytes(y.content(), x.content());
            bytesRemoved += blobBytes(x.content(), y.content());
        }
    }

    /**
     * The plaintext bytes of the blobs of {@code content} that {@code other} does not have: what a modified file's new
     * version added (or its old version had and lost), as restic's diff counts it; a chunk both versions share counts zero.
     */
    private long blobBytes(java.util.List<String> content, java.util.List<String> other) throws IOException {
        if (content == null) {
            return 0;
        }
        java.util.Set<String> shared = other == null ? java.util.Set.of() : new java.util.HashSet<>(other);
        long sum = 0;
        for (String id : new java.util.LinkedHashSet<>(content)) {
            if (!shared.contains(id)) {
                dev.cairn.engine.index.BlobLocation loc = repo.index().lookup(dev.cairn.engine.id.BlobId.parse(id));
                sum += loc == null ? 0 : loc.rawLength();
            }
        }
        return sum;
    }

    /** Records an added or removed node and, for a directory, everything below it. */
    private void side(String modifier, String path, Node node) throws IOException {
        boolean added = modifier.equals("+");
        changes.accept(new Change(modifier, node.isDir() ? path + "/" : path));
        if (node.isDir()) {
            if (added) {
                dirsAdded++;
            } else {
                dirsRemoved++;
            }
            TreeCursor children = cursor(node.subtree());
            for (Node child = children.next(); child != null; child = children.next()) {
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

    private TreeCursor cursor(String treeId) throws IOException {
        return treeId == null ? TreeCursor.empty() : TreeCursor.open(repo, treeId);
    }
}
