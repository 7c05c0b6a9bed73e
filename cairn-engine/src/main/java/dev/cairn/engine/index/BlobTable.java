package dev.cairn.engine.index;

import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.id.BlobType;
import dev.cairn.engine.pack.PackEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * The index's entries in primitive arrays (about 60 bytes per blob instead of ~200 for a map of objects, ADR 4): entries are
 * appended in blocks of {@value #BLOCK} (id, pack number, offset, lengths, type and compression flag), and an open-addressing
 * table of entry numbers finds the first entry of each id. Every appended entry is kept, so a pack's entries can be listed
 * even where another pack holds the same blob. Not thread-safe: {@link MasterIndex} synchronises.
 */
final class BlobTable {
    private static final int BLOCK = 4096;
    private static final int COMPRESSED = 0x80;

    private final List<Block> blocks = new ArrayList<>();
    private int size;
    private int[] slots = new int[1024]; // entry number + 1; 0 = free
    private int distinct;

    private static final class Block {
        final byte[] ids = new byte[BLOCK * BlobId.LENGTH];
        final int[] hashes = new int[BLOCK];
        final int[] packs = new int[BLOCK];
        final long[] offsets = new long[BLOCK];
        final int[] lengths = new int[BLOCK];
        final int[] rawLengths = new int[BLOCK];
        final byte[] flags = new byte[BLOCK];
    }

    /** Appends an entry of pack number {@code pack}; the id becomes findable unless an earlier entry has it. */
    void add(int pack, PackEntry e) {
        if (size == blocks.size() * BLOCK) {
            blocks.add(new Block());
        }
        int n = size++;
        Block b = blocks.get(n / BLOCK);
        int i = n % BLOCK;
        e.id().copyTo(b.ids, i * BlobId.LENGTH);
        b.hashes[i] = e.id().hashCode();
        b.packs[i] = pack;
        b.offsets[i] = e.offset();
        b.lengths[i] = e.length();
        b.rawLengths[i] = e.rawLength();
        b.flags[i] = (byte) (e.type().code() | (e.compressed() ? COMPRESSED : 0));
        if (find(e.id()) < 0) {
            if (2 * (distinct + 1) > slots.length) {
                grow();
            }
            insert(n, b.hashes[i]);
            distinct++;
        }
    }

    /** The entry number of the first entry with {@code id}, or -1. */
    int find(BlobId id) {
        int mask = slots.length - 1;
        for (int s = spread(id.hashCode()) & mask; slots[s] != 0; s = (s + 1) & mask) {
            int n = slots[s] - 1;
            Block b = blocks.get(n / BLOCK);
            int i = n % BLOCK;
            if (b.hashes[i] == id.hashCode() && id.matches(b.ids, i * BlobId.LENGTH)) {
                return n;
            }
        }
        return -1;
    }

    int pack(int n) {
        return blocks.get(n / BLOCK).packs[n % BLOCK];
    }

    /** Entry {@code n} as a location in {@code packId}. */
    BlobLocation location(int n, BlobId packId) {
        Block b = blocks.get(n / BLOCK);
        int i = n % BLOCK;
        return new BlobLocation(packId, type(b.flags[i]), b.offsets[i], b.lengths[i], b.rawLengths[i], compressed(b.flags[i]));
    }

    /** Entry {@code n} as a pack entry. */
    PackEntry entry(int n) {
        Block b = blocks.get(n / BLOCK);
        int i = n % BLOCK;
        return new PackEntry(type(b.flags[i]), BlobId.of(b.ids, i * BlobId.LENGTH), b.offsets[i], b.lengths[i], b.rawLengths[i],
                compressed(b.flags[i]));
    }

    /** Appended entries (including ids that an earlier entry already had). */
    int size() {
        return size;
    }

    /** Distinct ids. */
    int distinct() {
        return distinct;
    }

    /** Whether entry {@code n} is the one {@link #find} returns for its id. */
    boolean isFirst(int n) {
        Block b = blocks.get(n / BLOCK);
        return find(BlobId.of(b.ids, (n % BLOCK) * BlobId.LENGTH)) == n;
    }

    private void grow() {
        int[] old = slots;
        slots = new int[old.length * 2];
        for (int v : old) {
            if (v != 0) {
                insert(v - 1, blocks.get((v - 1) / BLOCK).hashes[(v - 1) % BLOCK]);
            }
        }
    }

    private void insert(int n, int hash) {
        int mask = slots.length - 1;
        int s = spread(hash) & mask;
        while (slots[s] != 0) {
            s = (s + 1) & mask;
        }
        slots[s] = n + 1;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    private static BlobType type(byte flags) {
        return BlobType.ofCode(flags & ~COMPRESSED & 0xff);
    }

    private static boolean compressed(byte flags) {
        return (flags & COMPRESSED) != 0;
    }
}
