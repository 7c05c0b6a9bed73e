package dev.cairn.engine.snapshot;

import java.util.List;

/** A directory's entries, sorted by name (spec §Trees); stored as a JSON tree blob, deduplicated like data. */
public record Tree(List<Node> nodes) {
    public Tree {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }
}
