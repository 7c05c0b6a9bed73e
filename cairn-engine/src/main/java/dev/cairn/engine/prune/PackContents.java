package dev.cairn.engine.prune;

import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.index.BlobLocation;
import dev.cairn.engine.index.MasterIndex;
import dev.cairn.engine.index.PackListing;
import dev.cairn.engine.pack.PackEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The index grouped by pack, each entry marked used or not, on disk ({@link PackListing}: an external sort, so the heap
 * holds one pack's entries at a time). Source 0 holds the used entries, source 1 the others; a pack listed by several
 * index files has its entries once (by offset; a used copy wins). Close it to delete its temporary files.
 */
final class PackContents implements AutoCloseable {
    private final PackListing listing;

    private PackContents(PackListing listing) {
        this.listing = listing;
    }

    /** One pack: every blob in it (by offset) and those of them that are used. */
    record Pack(BlobId id, List<PackEntry> all, List<PackEntry> used) {
        long usedBytes() {
            return used.stream().mapToLong(PackEntry::length).sum();
        }

        long unusedBytes() {
            return all.stream().mapToLong(PackEntry::length).sum() - usedBytes();
        }
    }

    @FunctionalInterface
    interface Visitor {
        void pack(Pack pack) throws IOException;
    }

    /** Sorts every entry of {@code ordinals} by pack; {@code used} has the bits of {@link UsedBlobs}. */
    static PackContents of(MasterIndex.Ordinals ordinals, BitSet used) throws IOException {
        PackListing listing = new PackListing();
        try {
            ordinals.forEach((n, id, loc) -> listing.add(used.get(Math.toIntExact(n)) ? 0 : 1, loc.pack(), List.of(entry(id, loc))));
            return new PackContents(listing);
        } catch (IOException | RuntimeException e) {
            listing.close();
            throw e;
        }
    }

    private static PackEntry entry(BlobId id, BlobLocation loc) {
        return new PackEntry(loc.type(), id, loc.offset(), loc.length(), loc.rawLength(), loc.compressed());
    }

    /** Visits every pack in id order; as often as needed. */
    void forEach(Visitor visitor) throws IOException {
        listing.forEachPackWithSources((pack, entries, sources) -> {
            Set<Long> seen = new HashSet<>();
            List<PackEntry> all = new ArrayList<>();
            List<PackEntry> usedEntries = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                PackEntry e = entries.get(i);
                if (seen.add(e.offset())) {
                    all.add(e);
                    if (sources.get(i) == 0) {
                        usedEntries.add(e);
                    }
                }
            }
            all.sort(java.util.Comparator.comparingLong(PackEntry::offset));
            visitor.pack(new Pack(pack, all, usedEntries));
        });
    }

    @Override
    public void close() throws IOException {
        listing.close();
    }
}
