package dev.cairn.engine.prune;

import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.id.BlobType;
import dev.cairn.engine.index.MasterIndex;
import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.snapshot.Node;
import dev.cairn.engine.snapshot.SnapshotRef;
import dev.cairn.engine.snapshot.Snapshots;
import dev.cairn.engine.snapshot.Tree;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * Marks every blob some snapshot needs: a bit per entry of the frozen index (the entry {@link MasterIndex.Ordinals#of}
 * gives for the blob, so of a blob stored twice only that copy counts as used). Trees are walked depth first, each
 * (part) once however many snapshots share it; the heap holds the bitset and one tree part per directory level.
 * A blob a snapshot needs that the index does not know stops prune: deleting anything then could make it worse.
 */
final class UsedBlobs {
    private final Repository repo;
    private final MasterIndex.Ordinals ordinals;
    private final BitSet used = new BitSet();

    private UsedBlobs(Repository repo, MasterIndex.Ordinals ordinals) {
        this.repo = repo;
        this.ordinals = ordinals;
    }

    /** The used entries of {@code ordinals}. @throws MissingBlobException if a snapshot needs a blob no index lists */
    static BitSet mark(Repository repo, MasterIndex.Ordinals ordinals, List<SnapshotRef> snapshots, PruneListener listener)
            throws IOException {
        UsedBlobs u = new UsedBlobs(repo, ordinals);
        for (int i = 0; i < snapshots.size(); i++) {
            listener.progress(i, snapshots.size());
            u.walk(snapshots.get(i));
        }
        listener.progress(snapshots.size(), snapshots.size());
        u.markDictionaries();
        return u.used;
    }

    /** Thrown when a snapshot needs a blob that is not in the index: the repository must be repaired before a prune. */
    static final class MissingBlobException extends IOException {
        private static final long serialVersionUID = 1L;

        MissingBlobException(String message) {
            super(message);
        }
    }

    /** A tree being walked: the nodes of its current part, and the parts still to read. */
    private static final class Frame {
        Iterator<Node> nodes;
        final Iterator<String> parts;

        Frame(Tree t) {
            this.nodes = t.nodes().iterator();
            this.parts = t.split() ? t.parts().iterator() : List.<String>of().iterator();
        }
    }

    private void walk(SnapshotRef snapshot) throws IOException {
        Deque<Frame> stack = new ArrayDeque<>();
        visitTree(snapshot, snapshot.snapshot().tree(), stack);
        while (!stack.isEmpty()) {
            Frame f = stack.peek();
            if (f.nodes.hasNext()) {
                visitNode(snapshot, f.nodes.next(), stack);
            } else if (f.parts.hasNext()) {
                String part = f.parts.next();
                if (mark(snapshot, part)) {
                    f.nodes = Snapshots.loadTree(repo, part).nodes().iterator();
                }
            } else {
                stack.pop();
            }
        }
    }

    private void visitNode(SnapshotRef snapshot, Node n, Deque<Frame> stack) throws IOException {
        if (n.isDir() && n.subtree() != null) {
            visitTree(snapshot, n.subtree(), stack);
        } else if (n.isFile()) {
            for (String data : n.content()) {
                mark(snapshot, data);
            }
        }
    }

    /** Marks a tree; if it was not marked before, pushes it (its parts are read one at a time as the walk gets there). */
    private void visitTree(SnapshotRef snapshot, String id, Deque<Frame> stack) throws IOException {
        if (mark(snapshot, id)) {
            stack.push(new Frame(Snapshots.loadTree(repo, id)));
        }
    }

    /**
     * Every zstd dictionary counts as used (spec §Dictionaries): which blobs need one is written only in their compressed
     * bytes, which prune does not read, and a dictionary is small.
     */
    private void markDictionaries() throws IOException {
        ordinals.forEach((n, id, loc) -> {
            if (loc.type() == BlobType.DICTIONARY) {
                used.set(Math.toIntExact(ordinals.of(id))); // the copy prune keeps, as for any used blob
            }
        });
    }

    /** Sets the blob's bit; false if it was set already. */
    private boolean mark(SnapshotRef snapshot, String hex) throws IOException {
        long n = ordinals.of(BlobId.parse(hex));
        if (n < 0) {
            throw new MissingBlobException("snapshot " + snapshot.shortId() + " needs blob " + hex.substring(0, 8)
                    + ", which no index file lists; nothing was deleted. Run 'cairn check' to see the damage before pruning");
        }
        int i = Math.toIntExact(n);
        if (used.get(i)) {
            return false;
        }
        used.set(i);
        return true;
    }
}
