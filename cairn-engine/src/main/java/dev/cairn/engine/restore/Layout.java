package dev.cairn.engine.restore;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobNotFoundException;
import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.id.BlobType;
import dev.cairn.engine.index.BlobLocation;
import dev.cairn.engine.repo.CorruptDataException;
import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.snapshot.Node;

/**
 * Where each blob of a file lives in the repository and where its plaintext goes in the file: blob {@code i} fills
 * {@code [offsets[i], offsets[i] + locations[i].rawLength())}. Immutable by convention (the arrays are not shared).
 */
record Layout(BlobId[] ids, BlobLocation[] locations, long[] offsets, long size) {

    /**
     * Looks up every blob of a file node in the index.
     *
     * @throws BlobNotFoundException if the index does not know a blob (the file cannot even be laid out)
     * @throws CorruptDataException if an id is malformed, names a tree blob, or the sizes disagree with the node
     */
    static Layout of(Repository repo, String snapshotPath, Node node) throws java.io.IOException {
        int n = node.content().size();
        BlobId[] ids = new BlobId[n];
        BlobLocation[] locs = new BlobLocation[n];
        long[] offsets = new long[n];
        long size = 0;
        for (int i = 0; i < n; i++) {
            ids[i] = parse(snapshotPath, node.content().get(i));
            locs[i] = repo.index().lookup(ids[i]);
            if (locs[i] == null) {
                throw new BlobNotFoundException(BlobName.of(BlobKind.PACK, ids[i].hex()));
            }
            if (locs[i].type() != BlobType.DATA) {
                throw new CorruptDataException(snapshotPath + ": content blob " + ids[i] + " is a " + locs[i].type().label() + " blob");
            }
            offsets[i] = size;
            size += locs[i].rawLength();
        }
        if (size != node.size()) {
            throw new CorruptDataException(snapshotPath + ": the snapshot says " + node.size() + " bytes but its blobs hold " + size);
        }
        return new Layout(ids, locs, offsets, size);
    }

    int count() {
        return ids.length;
    }

    private static BlobId parse(String snapshotPath, String hex) throws CorruptDataException {
        try {
            return BlobId.parse(hex);
        } catch (IllegalArgumentException e) {
            throw new CorruptDataException(snapshotPath + ": content blob id '" + hex + "' is malformed", e);
        }
    }
}
