package dev.cairn.engine.index;

import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.id.BlobType;
import dev.cairn.engine.pack.PackEntry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The merged in-memory view of every index file: blob id → location, plus the blobs of each pack. Thread-safe; packs are
 * added as a write session uploads them. When a blob is in several packs, the first one added wins (any copy is valid).
 */
public final class MasterIndex {
    private final Map<BlobId, BlobLocation> blobs = new ConcurrentHashMap<>();
    private final Map<BlobId, List<PackEntry>> packs = new ConcurrentHashMap<>();

    /** Adds all blobs of a pack. */
    public void addPack(BlobId pack, List<PackEntry> entries) {
        packs.put(pack, List.copyOf(entries));
        for (PackEntry e : entries) {
            blobs.putIfAbsent(e.id(), new BlobLocation(pack, e.type(), e.offset(), e.length(), e.rawLength(), e.compressed()));
        }
    }

    /** Adds every pack of a decoded index file. */
    public void addIndexFile(IndexFile file) {
        for (IndexFile.PackBlobs p : file.packs()) {
            addPack(BlobId.parse(p.id()), toEntries(p));
        }
    }

    public BlobLocation lookup(BlobId id) {
        return blobs.get(id);
    }

    public boolean contains(BlobId id) {
        return blobs.containsKey(id);
    }

    public Set<BlobId> packIds() {
        return packs.keySet();
    }

    public List<PackEntry> packEntries(BlobId pack) {
        return packs.getOrDefault(pack, List.of());
    }

    public int blobCount() {
        return blobs.size();
    }

    public Collection<BlobLocation> locations() {
        return blobs.values();
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
