package dev.cairn.engine.stats;

import dev.cairn.blob.BlobInfo;
import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobNotFoundException;
import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.index.BlobLocation;
import dev.cairn.engine.repo.CorruptDataException;
import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.snapshot.Node;
import dev.cairn.engine.snapshot.Snapshot;
import dev.cairn.engine.snapshot.SnapshotRef;
import dev.cairn.engine.snapshot.Snapshots;
import dev.cairn.engine.snapshot.Tree;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks every snapshot's trees once, memoising the logical size of each tree (so a subtree shared by many snapshots is
 * loaded once) and collecting the distinct blobs referenced. Memory: one entry per distinct tree and per distinct data
 * blob. Single use, not thread-safe.
 */
final class StatsCollector {
    private final Repository repo;
    private final Map<BlobId, Long> treeSizes = new HashMap<>();
    private final Set<BlobId> data = new HashSet<>();

    StatsCollector(Repository repo) {
        this.repo = repo;
    }

    RepositoryStats collect() throws IOException {
        List<SnapshotRef> snapshots = Snapshots.list(repo);
        long total = 0;
        Map<String, SnapshotRef> latest = new HashMap<>();
        for (SnapshotRef ref : snapshots) {
            total += treeSize(BlobId.parse(ref.snapshot().tree()), "snapshot " + ref.shortId());
            latest.put(hostAndPaths(ref.snapshot()), ref); // list() is oldest first, so the last one wins
        }
        long latestTotal = 0;
        for (SnapshotRef ref : latest.values()) {
            latestTotal += treeSizes.get(BlobId.parse(ref.snapshot().tree()));
        }
        Sizes treeBlobs = sizes(treeSizes.keySet());
        Sizes dataBlobs = sizes(data);
        long plaintext = treeBlobs.plaintext() + dataBlobs.plaintext();
        long sealed = treeBlobs.sealed() + dataBlobs.sealed();
        return new RepositoryStats(snapshots.size(), total, latestTotal, plaintext, dataBlobs.plaintext(), sealed,
                storedBytes(), repo.store().list(BlobKind.PACK).size(), treeSizes.size() + (long) data.size(),
                RepositoryStats.ratio(total, dataBlobs.plaintext()), RepositoryStats.ratio(plaintext, sealed));
    }

    /** Sum of file sizes below a tree; recursion depth is the directory depth. */
    private long treeSize(BlobId id, String where) throws IOException {
        Long known = treeSizes.get(id);
        if (known != null) {
            return known;
        }
        Tree tree = load(id, where);
        long size = 0;
        for (Node node : tree.nodes()) {
            if (node.isFile()) {
                size += node.size();
                node.content().forEach(hex -> data.add(BlobId.parse(hex)));
            } else if (node.isDir()) {
                size += treeSize(BlobId.parse(node.subtree()), where);
            }
        }
        treeSizes.put(id, size);
        return size;
    }

    private Tree load(BlobId id, String where) throws IOException {
        try {
            return Snapshots.loadTree(repo, id.hex());
        } catch (BlobNotFoundException | CorruptDataException e) {
            throw new CorruptDataException("tree " + id.shortHex() + " of " + where + " cannot be read (" + e.getMessage()
                    + "); run 'cairn check' to see what is affected", e);
        }
    }

    private record Sizes(long plaintext, long sealed) {
    }

    private Sizes sizes(Set<BlobId> blobs) throws IOException {
        long plaintext = 0;
        long sealed = 0;
        for (BlobId id : blobs) {
            BlobLocation loc = repo.index().lookup(id);
            if (loc == null) {
                throw new CorruptDataException("blob " + id.shortHex() + " used by a snapshot is not in the index; "
                        + "run 'cairn check' to see what is affected");
            }
            plaintext += loc.rawLength();
            sealed += loc.length();
        }
        return new Sizes(plaintext, sealed);
    }

    private long storedBytes() throws IOException {
        long sum = 0;
        for (BlobKind kind : BlobKind.values()) {
            if (kind != BlobKind.LOCK) {
                for (BlobInfo info : repo.store().list(kind)) {
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
