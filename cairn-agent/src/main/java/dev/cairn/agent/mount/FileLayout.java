package dev.cairn.agent.mount;

import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.index.BlobLocation;
import dev.cairn.engine.index.MasterIndex;
import dev.cairn.engine.repo.CorruptDataException;
import dev.cairn.engine.snapshot.Node;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Where each data blob of a file starts: the cumulative plaintext lengths of its content list, taken from the index, so a
 * read at any offset goes straight to the blob holding it without reading the blobs before.
 *
 * @param ids    the content list, in order
 * @param starts {@code starts[i]} is the file offset of blob {@code i}; {@code starts[ids.length]} is the file's size
 */
record FileLayout(BlobId[] ids, long[] starts) {
    /**
     * The layout of {@code file}.
     *
     * @throws CorruptDataException if a blob is missing from the index, or the lengths do not add up to the node's size
     */
    static FileLayout of(Node file, MasterIndex index) throws IOException {
        List<String> content = file.content();
        BlobId[] ids = new BlobId[content.size()];
        long[] starts = new long[ids.length + 1];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = BlobId.parse(content.get(i));
            BlobLocation loc = index.lookup(ids[i]);
            if (loc == null) {
                throw new CorruptDataException("data blob " + ids[i] + " of " + file.name() + " is not in the index; run 'cairn check'");
            }
            starts[i + 1] = starts[i] + loc.rawLength();
        }
        if (starts[ids.length] != file.size()) {
            throw new CorruptDataException(file.name() + " should hold " + file.size() + " bytes but its blobs hold "
                    + starts[ids.length] + "; run 'cairn check'");
        }
        return new FileLayout(ids, starts);
    }

    long size() {
        return starts[ids.length];
    }

    /** The blob holding byte {@code offset} ({@code 0 <= offset < size()}). */
    int blobAt(long offset) {
        int i = Arrays.binarySearch(starts, offset);
        // an exact hit may be a zero-length blob's start too: take the last blob starting there
        if (i >= 0) {
            while (i + 1 < ids.length && starts[i + 1] == offset) {
                i++;
            }
            return i;
        }
        return -i - 2;
    }

    /** Rough heap bytes, for the cache bound. */
    long weight() {
        return 64 + ids.length * 96L;
    }
}
