package dev.cairn.agent.mount;

import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.snapshot.Node;
import dev.cairn.engine.snapshot.TreeCursor;
import java.io.IOException;
import java.util.List;

/**
 * Directory listings of a snapshot: single-blob trees are kept parsed in a bounded cache (a client lists a directory, then
 * asks for each of its files; tree ids name content, so a cached listing never goes stale), split trees are streamed
 * part by part. Thread-safe.
 */
final class Trees {
    /** Weight of a cached node: the record and its strings, plus each content id. */
    private static final int NODE_WEIGHT = 256;
    private static final int ID_WEIGHT = 112;

    /** What a listing hands each node to; returns false to stop. */
    @FunctionalInterface
    interface NodeVisitor {
        boolean visit(Node node) throws IOException;
    }

    private final Repository repo;
    private final WeightedCache<String, List<Node>> cache;

    Trees(Repository repo, long maxBytes) {
        this.repo = repo;
        this.cache = new WeightedCache<>(maxBytes, Trees::weight);
    }

    private static long weight(List<Node> nodes) {
        long w = 64;
        for (Node n : nodes) {
            w += NODE_WEIGHT + (long) ID_WEIGHT * n.content().size();
        }
        return w;
    }

    /** Visits the nodes of tree {@code treeId} (null: an empty directory) in name order until the visitor says stop. */
    void list(String treeId, NodeVisitor visitor) throws IOException {
        if (treeId == null) {
            return;
        }
        List<Node> cached = cache.get(treeId);
        if (cached == null) {
            TreeCursor cursor = TreeCursor.open(repo, treeId);
            if (cursor.parts() > 0) {
                for (Node n = cursor.next(); n != null; n = cursor.next()) {
                    if (!visitor.visit(n)) {
                        return;
                    }
                }
                return;
            }
            cached = cursor.single();
            cache.put(treeId, cached);
        }
        for (Node n : cached) {
            if (!visitor.visit(n)) {
                return;
            }
        }
    }

    /** The node called {@code name} in tree {@code treeId}, or null. */
    Node find(String treeId, String name) throws IOException {
        Node[] found = new Node[1];
        list(treeId, n -> {
            if (n.name().equals(name)) {
                found[0] = n;
                return false;
            }
            return true;
        });
        return found[0];
    }
}
