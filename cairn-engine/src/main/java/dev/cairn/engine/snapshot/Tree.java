package dev.cairn.engine.snapshot;

import java.util.List;

/**
 * A tree blob (spec §Trees): a directory's entries sorted by name ({@code nodes}), or, from format version 2, a directory
 * listing split into {@code parts}: the ids of tree blobs whose nodes, concatenated in order, are the listing (then
 * {@code nodes} is empty, and a part never has parts itself). Read whole listings with {@link TreeCursor}; write them with
 * {@link TreeBuilder}. Stored as JSON, deduplicated like data.
 *
 * @param parts null for an ordinary (single-blob) tree, which serialises exactly as in format version 1
 */
public record Tree(List<Node> nodes, List<String> parts) {
    public Tree {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        parts = parts == null ? null : List.copyOf(parts);
    }

    /** A single-blob tree. */
    public Tree(List<Node> nodes) {
        this(nodes, null);
    }

    /** Whether this blob only lists parts. */
    public boolean split() {
        return parts != null;
    }
}
