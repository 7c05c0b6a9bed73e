package dev.cairn.engine.index;

import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.id.BlobType;
import dev.cairn.engine.pack.PackEntry;

/**
 * The fixed-size entry of an index run (see {@link IndexRun} for the file): {@value #SIZE} bytes, big-endian, sortable by
 * their first {@value BlobId#LENGTH} bytes (the blob id):
 * <pre>
 *   0..31  blob id
 *   32..35 pack number (rank of the pack id in the run's sorted pack list)
 *   36..40 offset in the pack (40 bits)
 *   41..44 sealed length
 *   45..48 plaintext length
 *   49     flags: bits 0..6 blob type code, bit 7 compressed
 * </pre>
 * Static helpers only; callers own the arrays.
 */
final class RunRecord {
    static final int SIZE = 50;
    static final int PACK = 32;
    private static final int OFFSET = 36;
    private static final int LENGTH = 41;
    private static final int RAW = 45;
    private static final int FLAGS = 49;
    private static final int COMPRESSED = 0x80;
    private static final long MAX_OFFSET = (1L << 40) - 1;

    private RunRecord() {
    }

    /** Writes {@code e} of pack number {@code pack} at {@code buf[at]}. */
    static void write(byte[] buf, int at, PackEntry e, int pack) {
        if (e.offset() > MAX_OFFSET) {
            throw new IllegalArgumentException("pack offset " + e.offset() + " of blob " + e.id() + " exceeds 2^40");
        }
        e.id().copyTo(buf, at);
        putInt(buf, at + PACK, pack);
        buf[at + OFFSET] = (byte) (e.offset() >>> 32);
        putInt(buf, at + OFFSET + 1, (int) e.offset());
        putInt(buf, at + LENGTH, e.length());
        putInt(buf, at + RAW, e.rawLength());
        buf[at + FLAGS] = (byte) (e.type().code() | (e.compressed() ? COMPRESSED : 0));
    }

    static int pack(byte[] buf, int at) {
        return getInt(buf, at + PACK);
    }

    static void setPack(byte[] buf, int at, int pack) {
        putInt(buf, at + PACK, pack);
    }

    /** The entry at {@code buf[at]} as a location in {@code packId}. */
    static BlobLocation location(byte[] buf, int at, BlobId packId) {
        int flags = buf[at + FLAGS] & 0xff;
        return new BlobLocation(packId, type(flags), offset(buf, at), getInt(buf, at + LENGTH), getInt(buf, at + RAW),
                (flags & COMPRESSED) != 0);
    }

    /** The entry at {@code buf[at]} as a pack entry. */
    static PackEntry entry(byte[] buf, int at) {
        int flags = buf[at + FLAGS] & 0xff;
        return new PackEntry(type(flags), BlobId.of(buf, at), offset(buf, at), getInt(buf, at + LENGTH), getInt(buf, at + RAW),
                (flags & COMPRESSED) != 0);
    }

    /** Whether the fields after the pack number are plausible (a damaged cache file fails this or its checksum). */
    static boolean valid(byte[] buf, int at, int packCount) {
        int pack = pack(buf, at);
        int flags = buf[at + FLAGS] & 0xff & ~COMPRESSED;
        return pack >= 0 && pack < packCount && getInt(buf, at + LENGTH) >= 0 && getInt(buf, at + RAW) >= 0
                && flags <= BlobType.DICTIONARY.code();
    }

    /** The first 8 bytes of the id as an unsigned-comparable long. */
    static long prefix(byte[] buf, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (buf[at + i] & 0xff);
        }
        return v;
    }

    private static long offset(byte[] buf, int at) {
        return ((long) (buf[at + OFFSET] & 0xff) << 32) | (getInt(buf, at + OFFSET + 1) & 0xffffffffL);
    }

    private static BlobType type(int flags) {
        return BlobType.ofCode(flags & ~COMPRESSED);
    }

    static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    static int getInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }
}
