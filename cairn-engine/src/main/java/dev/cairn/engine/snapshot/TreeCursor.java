package dev.cairn.engine.snapshot;

import dev.cairn.engine.repo.CorruptDataException;
import dev.cairn.engine.repo.Repository;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;

/**
 * Reads a directory listing node by node, loading a split tree's parts one at a time, so memory holds one part (at most
 * about 1 MiB of JSON) however large the directory. Not thread-safe.
 */
public final class TreeCursor {
    private final Repository repo;
    private final String treeId;
    private final Tree top;
    private final Iterator<String> parts;
    private Iterator<Node> nodes;
    private Node peeked;
    private int partCount;
    /** The part blob the current nodes come from (null for a single-blob tree) and the position in it of the next one. */
    private String part;
    private int inPart;
    private Place peekedPlace;
    private Place lastPlace;

    /**
     * Where a node sits in a split tree: its part blob's id, and whether it is that part's first and last node. Two
     * builders that save the same nodes from a part's first to its last save that part byte for byte.
     */
    public record Place(String part, boolean first, boolean last) {
    }

    private TreeCursor(Repository repo, String treeId, Tree top) {
        this.repo = repo;
        this.treeId = treeId;
        this.top = top;
        this.parts = top.split() ? top.parts().iterator() : List.<String>of().iterator();
        this.nodes = top.nodes().iterator();
        this.partCount = top.split() ? top.parts().size() : 0;
    }

    /**
     * Opens the listing of tree {@code treeId} (loads its first blob).
     *
     * @throws CorruptDataException if the tree is damaged, or is split and also has nodes
     * @throws IOException          if it cannot be read
     */
    public static TreeCursor open(Repository repo, String treeId) throws IOException {
        return of(repo, treeId, Snapshots.loadTree(repo, treeId));
    }

    /**
     * The listing of tree {@code treeId} whose first blob {@code top} was loaded already (its parts are loaded from
     * {@code repo}).
     *
     * @throws CorruptDataException if the tree is split and also has nodes
     */
    public static TreeCursor of(Repository repo, String treeId, Tree top) throws CorruptDataException {
        if (top.split() && !top.nodes().isEmpty()) {
            throw new CorruptDataException("tree " + treeId + " is malformed: it lists parts and nodes");
        }
        return new TreeCursor(repo, treeId, top);
    }

    /** An empty listing (an absent directory). */
    public static TreeCursor empty() {
        return new TreeCursor(null, null, new Tree(List.of()));
    }

    /** All nodes of a single-blob tree (in memory already; reading them does not move the cursor). */
    public List<Node> single() {
        if (top.split()) {
            throw new IllegalStateException("tree " + treeId + " is split into parts");
        }
        return top.nodes();
    }

    /** How many part blobs the listing has (0 for a single-blob tree). */
    public int parts() {
        return partCount;
    }

    /**
     * The next node, or null at the end.
     *
     * @throws CorruptDataException if a part is damaged or has parts itself
     */
    public Node next() throws IOException {
        Node n = peek();
        lastPlace = peekedPlace;
        peeked = null;
        return n;
    }

    /** The place of the node {@link #next} returned last (its part is null for a single-blob tree); null before the first. */
    public Place lastPlace() {
        return lastPlace;
    }

    /** The next node without consuming it, or null at the end. */
    public Node peek() throws IOException {
        while (peeked == null) {
            if (nodes.hasNext()) {
                peeked = nodes.next();
                peekedPlace = new Place(part, inPart++ == 0, !nodes.hasNext());
            } else if (parts.hasNext()) {
                part = parts.next();
                inPart = 0;
                nodes = loadPart(part).iterator();
            } else {
                return null;
            }
        }
        return peeked;
    }

    private List<Node> loadPart(String partId) throws IOException {
        Tree part = Snapshots.loadTree(repo, partId);
        if (part.split()) {
            throw new CorruptDataException("tree " + treeId + " is malformed: its part " + partId + " lists parts itself");
        }
        return part.nodes();
    }
}
