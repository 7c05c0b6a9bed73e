package dev.cairn.engine.index;

import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.pack.PackEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * One open index run ({@link RunFile}): a sorted table of entries on disk, read by positional reads. The heap holds only its
 * pack ids (32 bytes per pack), the covered index ids, the first 8 id bytes of every block of {@value #BLOCK} entries (the
 * fence: 0.06 bytes per entry) and, for runs of at most {@value #BLOOM_MAX} entries, a Bloom filter (about 1.3 bytes per
 * entry) so that lookups of absent ids rarely read small runs at all. A lookup reads one block (6.4 KB), rarely two.
 * Thread-safe (positional reads, see {@link Positional}); immutable once open. Closing it does not delete the file.
 */
final class IndexRun implements AutoCloseable {
    static final int BLOCK = 128;
    static final int BLOOM_MAX = 1 << 20;
    private static final ThreadLocal<byte[]> BLOCK_BUFFER = ThreadLocal.withInitial(() -> new byte[BLOCK * RunRecord.SIZE]);
    private final Path file;
    private final Positional channel;
    private final List<BlobId> covered;
    private final byte[] packs;
    private final int packCount;
    private final long count;
    private final long entriesOffset;
    private final long[] fence;
    private final Bloom bloom;

    private IndexRun(Path file, Positional channel, List<BlobId> covered, byte[] packs, long count, long[] fence, Bloom bloom) {
        this.file = file;
        this.channel = channel;
        this.covered = covered;
        this.packs = packs;
        this.packCount = packs.length / BlobId.LENGTH;
        this.count = count;
        this.entriesOffset = RunFile.entriesOffset(packCount, covered.size());
        this.fence = fence;
        this.bloom = bloom;
    }

    /**
     * Opens and verifies a run: reads it once through (checksum, sort order, plausible fields) and builds the fence.
     *
     * @throws DamagedRunException if the file is not a valid run (truncated, altered, another format)
     * @throws IOException if it cannot be read
     */
    static IndexRun open(Path file) throws IOException {
        Positional ch = new Positional(file);
        try {
            return verify(file, ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static IndexRun verify(Path file, Positional ch) throws IOException {
        long size = ch.size();
        if (size < RunFile.HEADER + RunFile.TRAILER) {
            throw new DamagedRunException(file + " is too short to be an index run");
        }
        CRC32C crc = new CRC32C();
        ChannelReader in = new ChannelReader(ch, 0, size - RunFile.TRAILER, 1 << 18, crc);
        byte[] header = new byte[RunFile.HEADER];
        in.readFully(header, 0, header.length);
        int packCount = RunRecord.getInt(header, 8);
        int coveredCount = RunRecord.getInt(header, 12);
        long count = ((long) RunRecord.getInt(header, 16) << 32) | (RunRecord.getInt(header, 20) & 0xffffffffL);
        if (!Arrays.equals(header, 0, 8, RunFile.MAGIC, 0, 8) || packCount < 0 || coveredCount < 0 || count < 0
                || size != RunFile.length(packCount, coveredCount, count)) {
            throw new DamagedRunException(file + " is not an index run of this cairn or is truncated");
        }
        List<BlobId> covered = readIds(in, coveredCount);
        byte[] packs = new byte[packCount * BlobId.LENGTH];
        in.readFully(packs, 0, packs.length);
        long[] fence = new long[(int) ((count + BLOCK - 1) / BLOCK)];
        Bloom bloom = count <= BLOOM_MAX ? new Bloom(count) : null;
        scanEntries(file, in, count, packCount, fence, bloom);
        byte[] trailer = new byte[RunFile.TRAILER];
        ch.readFully(size - RunFile.TRAILER, trailer, 0, RunFile.TRAILER);
        if (RunRecord.getInt(trailer, 0) != (int) crc.getValue()) {
            throw new DamagedRunException(file + " fails its checksum");
        }
        return new IndexRun(file, ch, covered, packs, count, fence, bloom);
    }

    private static void scanEntries(Path file, ChannelReader in, long count, int packCount, long[] fence, Bloom bloom)
            throws IOException {
        byte[] previous = new byte[RunRecord.SIZE];
        byte[] record = new byte[RunRecord.SIZE];
        for (long i = 0; i < count; i++) {
            in.readFully(record, 0, RunRecord.SIZE);
            if (!RunRecord.valid(record, 0, packCount)
                    || (i > 0 && Arrays.compareUnsigned(previous, 0, BlobId.LENGTH, record, 0, BlobId.LENGTH) > 0)) {
                throw new DamagedRunException(file + " has an invalid or unsorted entry at " + i);
            }
            if (i % BLOCK == 0) {
                fence[(int) (i / BLOCK)] = RunRecord.prefix(record, 0);
            }
            if (bloom != null) {
                bloom.add(record, 0);
            }
            byte[] t = previous;
            previous = record;
            record = t;
        }
    }

    private static List<BlobId> readIds(ChannelReader in, int n) throws IOException {
        List<BlobId> out = new ArrayList<>(n);
        byte[] buf = new byte[BlobId.LENGTH];
        for (int i = 0; i < n; i++) {
            in.readFully(buf, 0, buf.length);
            out.add(BlobId.of(buf));
        }
        return out;
    }

    Path file() {
        return file;
    }

    /** The index file ids this run stands for (empty for a run of this process only). */
    List<BlobId> covered() {
        return covered;
    }

    long count() {
        return count;
    }

    int packCount() {
        return packCount;
    }

    BlobId packId(int rank) {
        return BlobId.of(packs, rank * BlobId.LENGTH);
    }

    /** The rank of {@code pack} among this run's packs, or -1. */
    int packRank(BlobId pack) {
        byte[] key = pack.toBytes();
        int lo = 0;
        int hi = packCount - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Arrays.compareUnsigned(packs, mid * BlobId.LENGTH, (mid + 1) * BlobId.LENGTH, key, 0, BlobId.LENGTH);
            if (c == 0) {
                return mid;
            }
            if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return -1;
    }

    /**
     * The position of the first entry with {@code id} (its bytes in {@code key}), or -1. Reads one block, or two when the id
     * sits at a block boundary or shares its first 8 bytes with its neighbour.
     */
    long find(byte[] key) throws IOException {
        if (count == 0 || (bloom != null && !bloom.mightContain(key, 0))) {
            return -1;
        }
        byte[] buf = BLOCK_BUFFER.get();
        for (int b = startBlock(RunRecord.prefix(key, 0)); b < fence.length; b++) {
            int n = readBlock(b, buf);
            int i = lowerBound(buf, n, key);
            if (i < n) {
                return Arrays.equals(buf, i * RunRecord.SIZE, i * RunRecord.SIZE + BlobId.LENGTH, key, 0, BlobId.LENGTH)
                        ? (long) b * BLOCK + i : -1;
            }
        }
        return -1;
    }

    /** The last block whose first id prefix is below {@code prefix} (unsigned), or 0: the lower bound is there or later. */
    private int startBlock(long prefix) {
        int lo = 0;
        int hi = fence.length - 1;
        int found = 0;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(fence[mid], prefix) < 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    private static int lowerBound(byte[] buf, int n, byte[] key) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int at = mid * RunRecord.SIZE;
            if (Arrays.compareUnsigned(buf, at, at + BlobId.LENGTH, key, 0, BlobId.LENGTH) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Reads block {@code b} into {@code buf}; returns its entry count. */
    private int readBlock(int b, byte[] buf) throws IOException {
        long first = (long) b * BLOCK;
        int n = (int) Math.min(BLOCK, count - first);
        readEntries(first, n, buf);
        return n;
    }

    private void readEntries(long first, int n, byte[] buf) throws IOException {
        try {
            channel.readFully(entriesOffset + first * RunRecord.SIZE, buf, 0, n * RunRecord.SIZE);
        } catch (java.io.EOFException e) {
            throw new DamagedRunException(file + " ended early (changed while open?)");
        }
    }

    /** The entry at {@code position} as a location. */
    BlobLocation location(long position) throws IOException {
        byte[] buf = BLOCK_BUFFER.get();
        readEntries(position, 1, buf);
        return RunRecord.location(buf, 0, packId(RunRecord.pack(buf, 0)));
    }

    /** Reads the entries in order, {@code bufferSize} bytes at a time. */
    Cursor cursor(int bufferSize) {
        return new Cursor(new ChannelReader(channel, entriesOffset, entriesOffset + count * RunRecord.SIZE, bufferSize, null));
    }

    /** Sequential reader of a run's entries. Not thread-safe. */
    final class Cursor {
        private final ChannelReader in;
        private long remaining = count;

        private Cursor(ChannelReader in) {
            this.in = in;
        }

        /** Copies the next entry into {@code dst[0, RunRecord.SIZE)}; false at the end. */
        boolean next(byte[] dst) throws IOException {
            if (remaining == 0) {
                return false;
            }
            in.readFully(dst, 0, RunRecord.SIZE);
            remaining--;
            return true;
        }

        IndexRun run() {
            return IndexRun.this;
        }
    }

    /** The entries of {@code pack} in pack order (by offset); reads the whole run. */
    List<PackEntry> packEntries(BlobId pack) throws IOException {
        int rank = packRank(pack);
        List<PackEntry> out = new ArrayList<>();
        if (rank < 0) {
            return out;
        }
        Cursor c = cursor(1 << 16);
        byte[] record = new byte[RunRecord.SIZE];
        while (c.next(record)) {
            if (RunRecord.pack(record, 0) == rank) {
                out.add(RunRecord.entry(record, 0));
            }
        }
        out.sort(java.util.Comparator.comparingLong(PackEntry::offset));
        return out;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** The run file is not a valid run: delete it and build it again from the index files. */
    static final class DamagedRunException extends IOException {
        private static final long serialVersionUID = 1L;

        DamagedRunException(String message) {
            super(message);
        }
    }

    /**
     * A Bloom filter over ids, which are uniformly random: its probes come straight from id bytes 8..23. About 10 bits
     * per entry and 7 probes (under 1 % false positives).
     */
    private static final class Bloom {
        private static final int PROBES = 7;
        private final long[] bits;
        private final int mask;

        Bloom(long entries) {
            int size = Integer.highestOneBit((int) Math.max(64, entries * 10 - 1)) << 1;
            bits = new long[size >>> 6];
            mask = size - 1;
        }

        void add(byte[] id, int at) {
            long h1 = RunRecord.prefix(id, at + 8);
            long h2 = RunRecord.prefix(id, at + 16) | 1;
            for (int i = 0; i < PROBES; i++) {
                int bit = (int) (h1 + i * h2) & mask;
                bits[bit >>> 6] |= 1L << bit;
            }
        }

        boolean mightContain(byte[] id, int at) {
            long h1 = RunRecord.prefix(id, at + 8);
            long h2 = RunRecord.prefix(id, at + 16) | 1;
            for (int i = 0; i < PROBES; i++) {
                int bit = (int) (h1 + i * h2) & mask;
                if ((bits[bit >>> 6] & (1L << bit)) == 0) {
                    return false;
                }
            }
            return true;
        }
    }
}
