package dev.cairn.engine.stats;

import dev.cairn.blob.BlobInfo;
import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobNotFoundException;
import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.index.MasterIndex;
import dev.cairn.engine.repo.CorruptDataException;
import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.snapshot.Node;
import dev.cairn.engine.snapshot.Snapshot;
import dev.cairn.engine.snapshot.SnapshotRef;
import dev.cairn.engine.snapshot.Snapshots;
import dev.cairn.engine.snapshot.Tree;
import java.io.IOException;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks every snapshot's trees, memoising the logical size of up to {@value #MEMO} trees (so a subtree shared by many
 * snapshots is loaded once), and marks the distinct blobs referenced in bitsets over the index's entries; their sizes are
 * then summed in one pass over the index. Memory: two bits per index entry plus the bounded memo, whatever the number of
 * files. Single use, not thread-safe.
 */
final class StatsCollector {
    static final int MEMO = 1 << 16;
    private final Repository repo;
    private final MasterIndex.Ordinals ordinals;
    private final BitSet data = new BitSet();
    private final BitSet trees = new BitSet();
    private final Map<Long, Long> treeSizes = new HashMap<>();

    StatsCollector(Repository repo) throws IOException {
        this.repo = repo;
        this.ordinals = repo.index().ordinals();
    }

    RepositoryStats collect() throws IOException {
        List<SnapshotRef> snapshots = Snapshots.list(repo);
        long total = 0;
        Map<String, SnapshotRef> latest = new HashMap<>();
        Map<String, Long> sizes = new HashMap<>();
        for (SnapshotRef ref : snapshots) {
            long size = treeSize(BlobId.parse(ref.snapshot().tree()), "snapshot " + ref.shortId());
            sizes.put(ref.id(), size);
            total += size;
            latest.put(hostAndPaths(ref.snapshot()), ref); // list() is oldest first, so the last one wins
        }
        long latestTotal = 0;
        for (SnapshotRef ref : latest.values()) {
            latestTotal += sizes.get(ref.id());
        }
        long[] sums = new long[4]; // data plaintext, data sealed, tree plaintext, tree sealed
        ordinals.forEach((n, id, location) -> {
            int bit = Math.toIntExact(n);
            int at = data.get(bit) ? 0 : trees.get(bit) ? 2 : -1;
            if (at >= 0) {
                sums[at] += location.rawLength();
                sums[at + 1] += location.length();
            }
        });
        long plaintext = sums[0] + sums[2];
        long sealed = sums[1] + sums[3];
        return new RepositoryStats(snapshots.size(), total, latestTotal, plaintext, sums[0], sealed, storedBytes(),
                repo.objects(BlobKind.PACK).size(), trees.cardinality() + (long) data.cardinality(),
                RepositoryStats.ratio(total, sums[0]), RepositoryStats.ratio(plaintext, sealed));
    }

    /** Sum of file sizes below a tree; recursion depth is the directory depth. */
    private long treeSize(BlobId id, String where) throws IOException {
        long n = mark(trees, id, where);
        Long known = treeSizes.get(n);
        if (known != null) {
            return known;
        }
        Tree top = load(id, where);
        long size = sizeOf(top.nodes(), where);
        if (top.split()) {
            for (String part : top.parts()) {
                BlobId partId = BlobId.parse(part);
                mark(trees, partId, where);
                size += sizeOf(load(partId, where).nodes(), where);
            }
        }
        if (treeSizes.size() < MEMO) {
            treeSizes.put(n, size);
        }
        return size;
    }

    private long sizeOf(List<Node> nodes, String where) throws IOException {
        long size = 0;
        for (Node node : nodes) {
            if (node.isFile()) {
                size += node.size();
                for (String hex : node.content()) {
                    mark(data, BlobId.parse(hex), where);
                }
            } else if (node.isDir()) {
                size += treeSize(BlobId.parse(node.subtree()), where);
            }
        }
        return size;
    }

    /** Marks a referenced blob; returns its number. */
    private long mark(BitSet set, BlobId id, String where) throws IOException {
        long n = ordinals.of(id);
        if (n < 0) {
            throw new CorruptDataException("blob " + id.shortHex() + " used by " + where + " is not in the index; "
                    + "run 'cairn check' to see what is affected");
        }
        set.set(Math.toIntExact(n));
        return n;
    }

    private Tree load(BlobId id, String where) throws IOException {
        try {
            return Snapshots.loadTree(repo, id.hex());
        } catch (BlobNotFoundException | CorruptDataException e) {
            throw new CorruptDataException("tree " + id.shortHex() + " of " + where + " cannot be read (" + e.getMessage()
                    + "); run 'cairn check' to see what is affected", e);
        }
    }

    private long storedBytes() throws IOException {
        long sum = 0;
        for (BlobKind kind : BlobKind.values()) {
            if (kind != BlobKind.LOCK) {
                for (BlobInfo info : repo.objects(kind)) {
                    sum += info.size();
                }
            }
        }
        return sum;
    }

    private static String hostAndPaths(Snapshot s) {
        return s.hostname() + "\u0000" + String.join("\u0000", s.paths().stream().sorted().toList());
    }
}
