package dev.cairn.engine.check;

import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.index.MasterIndex;
import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.snapshot.Node;
import dev.cairn.engine.snapshot.SnapshotRef;
import dev.cairn.engine.snapshot.Snapshots;
import dev.cairn.engine.snapshot.Tree;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Which readable snapshots need which damaged blobs (trees and data), so a finding can name the snapshots it affects.
 * Nothing is precomputed: {@link #affected(List)} walks every snapshot's trees once for a whole batch of findings, and only
 * when there is damage, marking each tree with the findings reachable below it. Memory: a bit per entry of the index for
 * trees found clean, and a small set per tree found affected (that grows with the damage, not the repository).
 */
final class SnapshotUsage {
    private final Repository repo;
    private final List<SnapshotRef> snapshots;
    private final Map<String, BlobId> roots;

    /** @param roots the root tree of every readable snapshot with a valid root id, by full snapshot id */
    SnapshotUsage(Repository repo, List<SnapshotRef> snapshots, Map<String, BlobId> roots) {
        this.repo = repo;
        this.snapshots = List.copyOf(snapshots);
        this.roots = roots;
    }

    /** Short ids of the snapshots that need any of {@code blobs}, oldest first. */
    List<String> affected(Collection<BlobId> blobs) throws IOException {
        return affected(List.of(blobs)).getFirst();
    }

    /** For each set of blobs, the short ids of the snapshots that need any of them, oldest first. */
    List<List<String>> affected(List<? extends Collection<BlobId>> sets) throws IOException {
        Map<BlobId, BitSet> findingsOf = new HashMap<>();
        for (int i = 0; i < sets.size(); i++) {
            for (BlobId b : sets.get(i)) {
                findingsOf.computeIfAbsent(b, k -> new BitSet()).set(i);
            }
        }
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < sets.size(); i++) {
            out.add(new ArrayList<>());
        }
        if (findingsOf.isEmpty()) {
            return out;
        }
        Walk walk = new Walk(findingsOf, repo.index().ordinals());
        for (SnapshotRef s : snapshots) {
            BlobId root = roots.get(s.id());
            if (root != null) {
                BitSet reached = walk.reached(root);
                reached.stream().forEach(i -> out.get(i).add(s.shortId()));
            }
        }
        return out;
    }

    /** One batch: which findings each tree reaches, memoised. */
    private final class Walk {
        private final Map<BlobId, BitSet> findingsOf;
        private final MasterIndex.Ordinals ordinals;
        private final BitSet clean = new BitSet();
        private final Map<BlobId, BitSet> reaching = new HashMap<>();

        Walk(Map<BlobId, BitSet> findingsOf, MasterIndex.Ordinals ordinals) {
            this.findingsOf = findingsOf;
            this.ordinals = ordinals;
        }

        /** A tree being walked: what it reaches so far, and what is left of it. */
        private final class Frame {
            final BlobId tree;
            final BitSet reached = new BitSet();
            Iterator<Node> nodes;
            final Iterator<String> parts;

            Frame(BlobId tree, Tree t) {
                this.tree = tree;
                this.nodes = t.nodes().iterator();
                this.parts = t.split() ? t.parts().iterator() : List.<String>of().iterator();
                add(reached, tree);
            }
        }

        /** The findings reachable from {@code root} (iteratively, so deep trees cannot overflow the stack). */
        BitSet reached(BlobId root) throws IOException {
            BitSet known = memo(root);
            if (known != null) {
                return known;
            }
            Deque<Frame> stack = new ArrayDeque<>();
            BitSet result = push(stack, root);
            if (result != null) {
                return result;
            }
            while (true) {
                Frame f = stack.peek();
                if (f.nodes.hasNext()) {
                    visit(stack, f, f.nodes.next());
                } else if (f.parts.hasNext()) {
                    BlobId part = parse(f.parts.next());
                    if (part != null) {
                        add(f.reached, part);
                        Tree t = load(part);
                        f.nodes = t == null ? f.nodes : t.nodes().iterator();
                    }
                } else {
                    stack.pop();
                    remember(f.tree, f.reached);
                    if (stack.isEmpty()) {
                        return f.reached;
                    }
                    stack.peek().reached.or(f.reached);
                }
            }
        }

        private void visit(Deque<Frame> stack, Frame f, Node n) throws IOException {
            if (n.isDir()) {
                BlobId sub = parse(n.subtree());
                if (sub != null) {
                    BitSet done = push(stack, sub);
                    if (done != null) {
                        f.reached.or(done);
                    }
                }
            } else if (n.isFile()) {
                for (String hex : n.content()) {
                    BlobId data = parse(hex);
                    if (data != null) {
                        add(f.reached, data);
                    }
                }
            }
        }

        /** Starts walking {@code tree}; returns its result at once if known or unreadable, else null (a frame was pushed). */
        private BitSet push(Deque<Frame> stack, BlobId tree) throws IOException {
            BitSet known = memo(tree);
            if (known != null) {
                return known;
            }
            Tree t = load(tree);
            if (t == null) {
                BitSet own = new BitSet();
                add(own, tree);
                remember(tree, own);
                return own;
            }
            stack.push(new Frame(tree, t));
            return null;
        }

        private void add(BitSet reached, BlobId blob) {
            BitSet f = findingsOf.get(blob);
            if (f != null) {
                reached.or(f);
            }
        }

        private BitSet memo(BlobId tree) throws IOException {
            BitSet r = reaching.get(tree);
            if (r != null) {
                return r;
            }
            long n = ordinals.of(tree);
            return n >= 0 && clean.get(Math.toIntExact(n)) ? new BitSet() : null;
        }

        private void remember(BlobId tree, BitSet reached) throws IOException {
            long n = ordinals.of(tree);
            if (reached.isEmpty() && n >= 0) {
                clean.set(Math.toIntExact(n));
            } else {
                reaching.put(tree, reached);
            }
        }

        /** A tree's blob, or null if it cannot be read (damaged trees are findings themselves; nothing below is known). */
        private Tree load(BlobId tree) {
            try {
                return Snapshots.loadTree(repo, tree.hex());
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
    }

    private static BlobId parse(String hex) {
        try {
            return hex == null ? null : BlobId.parse(hex);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
