package dev.cairn.engine.index;

import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.id.BlobType;
import dev.cairn.engine.pack.PackEntry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The merged in-memory view of every index file: blob id → location, plus the blobs of each pack. Thread-safe; packs are
 * added as a write session uploads them. When a blob is in several packs, the first one added wins (any copy is valid); a
 * pack that is added again (listed by two index files) keeps its first list. Entries live in primitive arrays
 * ({@link BlobTable}, about 60 bytes per blob), so the heap holds the index of a large repository.
 */
public final class MasterIndex {
    private final BlobTable table = new BlobTable();
    private final List<BlobId> packs = new ArrayList<>();
    private final Map<BlobId, Integer> packNumbers = new HashMap<>();

    /** Adds all blobs of a pack. */
    public synchronized void addPack(BlobId pack, List<PackEntry> entries) {
        if (packNumbers.containsKey(pack)) {
            return;
        }
        int number = packs.size();
        packs.add(pack);
        packNumbers.put(pack, number);
        for (PackEntry e : entries) {
            table.add(number, e);
        }
    }

    /** Adds every pack of a decoded index file. */
    public void addIndexFile(IndexFile file) {
        for (IndexFile.PackBlobs p : file.packs()) {
            addPack(BlobId.parse(p.id()), toEntries(p));
        }
    }

    /** Where {@code id} is stored (a new object on each call), or null. */
    public synchronized BlobLocation lookup(BlobId id) {
        int n = table.find(id);
        return n < 0 ? null : table.location(n, packs.get(table.pack(n)));
    }

    public synchronized boolean contains(BlobId id) {
        return table.find(id) >= 0;
    }

    /** Whether {@code pack} has been added. */
    public synchronized boolean hasPack(BlobId pack) {
        return packNumbers.containsKey(pack);
    }

    /** The blobs of {@code pack} in the order added, also those another pack supplies to {@link #lookup}; scans the index. */
    public synchronized List<PackEntry> packEntries(BlobId pack) {
        Integer number = packNumbers.get(pack);
        if (number == null) {
            return List.of();
        }
        List<PackEntry> out = new ArrayList<>();
        for (int n = 0; n < table.size(); n++) {
            if (table.pack(n) == number) {
                out.add(table.entry(n));
            }
        }
        return out;
    }

    public synchronized int blobCount() {
        return table.distinct();
    }

    /** The location of every blob (a copy: one object per blob; for statistics and tests). */
    public synchronized Collection<BlobLocation> locations() {
        List<BlobLocation> out = new ArrayList<>(table.distinct());
        for (int n = 0; n < table.size(); n++) {
            if (table.isFirst(n)) {
                out.add(table.location(n, packs.get(table.pack(n))));
            }
        }
        return out;
    }

    /** Encodes packs as one index document. */
    public static IndexFile toIndexFile(Map<BlobId, List<PackEntry>> packsToWrite) {
        List<IndexFile.PackBlobs> list = new ArrayList<>();
        packsToWrite.forEach((pack, entries) -> list.add(new IndexFile.PackBlobs(pack.hex(), entries.stream()
                .map(e -> new IndexFile.Blob(e.id().hex(), e.type().label(), e.offset(), e.length(), e.rawLength(), e.compressed()))
                .toList())));
        return new IndexFile(list, List.of());
    }

    /**
     * Decodes the blobs one pack of an index document lists.
     *
     * @throws IllegalArgumentException if an id or type does not parse (the document is damaged)
     */
    public static List<PackEntry> toEntries(IndexFile.PackBlobs p) {
        List<PackEntry> entries = new ArrayList<>(p.blobs().size());
        for (IndexFile.Blob b : p.blobs()) {
            entries.add(new PackEntry(BlobType.ofLabel(b.type()), BlobId.parse(b.id()), b.offset(), b.length(), b.rawLength(), b.compressed()));
        }
        return entries;
    }
}
