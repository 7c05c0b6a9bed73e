package dev.cairn.engine.index;

import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.pack.PackEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeSet;

/**
 * Builds index runs: from packs and their entries (through a {@link RecordSorter}, so any number of entries sorts in
 * bounded memory), and by merging runs (a streaming k-way merge). Pack ids are collected in the heap (32 bytes and a map
 * entry per pack; packs are large, so there are few). Single use; not thread-safe.
 */
final class RunBuilder implements AutoCloseable {
    /** Entries sorted in the heap before the sorter spills: {@value} × 50 bytes. */
    static final int MEMORY_RECORDS = 1 << 16;
    private final RecordSorter sorter;
    private final Map<BlobId, Integer> packNumbers = new HashMap<>();
    private final List<BlobId> packs = new ArrayList<>();
    private final byte[] record = new byte[RunRecord.SIZE];

    /** @param tmpDir where the sorter spills (the cache directory, so the disk is the one the run goes to) */
    RunBuilder(Path tmpDir) {
        this.sorter = new RecordSorter(RunRecord.SIZE, BlobId.LENGTH, MEMORY_RECORDS, tmpDir);
    }

    /** Adds the entries of one pack; entries of a pack added before keep theirs and these come after (any copy is valid). */
    void addPack(BlobId pack, List<PackEntry> entries) throws IOException {
        Integer number = packNumbers.get(pack);
        if (number == null) {
            number = packs.size();
            packs.add(pack);
            packNumbers.put(pack, number);
        }
        for (PackEntry e : entries) {
            RunRecord.write(record, 0, e, number);
            sorter.add(record, 0);
        }
    }

    long count() {
        return sorter.count();
    }

    /** Writes the run to {@code target}, standing for the index files {@code covered}. */
    void write(Path target, List<BlobId> covered) throws IOException {
        List<BlobId> sortedPacks = new ArrayList<>(packs);
        Collections.sort(sortedPacks);
        int[] rank = new int[packs.size()];
        for (int i = 0; i < packs.size(); i++) {
            rank[i] = Collections.binarySearch(sortedPacks, packs.get(i));
        }
        try (RecordSorter.Cursor c = sorter.sorted()) {
            RunFile.write(target, sorted(covered), sortedPacks, sorter.count(), dst -> {
                if (!c.next(dst, 0)) {
                    return false;
                }
                RunRecord.setPack(dst, 0, rank[RunRecord.pack(dst, 0)]);
                return true;
            });
        }
    }

    @Override
    public void close() throws IOException {
        sorter.close();
    }

    /**
     * Merges runs into one run at {@code target} standing for all their covered index files. Entries with the same id keep
     * the order of {@code inputs}. Reads each input sequentially with a 256 KiB buffer.
     */
    static void merge(Path target, List<IndexRun> inputs) throws IOException {
        TreeSet<BlobId> covered = new TreeSet<>();
        TreeSet<BlobId> packSet = new TreeSet<>();
        for (IndexRun run : inputs) {
            covered.addAll(run.covered());
            for (int r = 0; r < run.packCount(); r++) {
                packSet.add(run.packId(r));
            }
        }
        List<BlobId> packs = new ArrayList<>(packSet);
        PriorityQueue<Head> heads = new PriorityQueue<>();
        long total = 0;
        for (int i = 0; i < inputs.size(); i++) {
            IndexRun run = inputs.get(i);
            total += run.count();
            int[] remap = new int[run.packCount()];
            for (int r = 0; r < remap.length; r++) {
                remap[r] = Collections.binarySearch(packs, run.packId(r));
            }
            Head h = new Head(i, run.cursor(1 << 18), remap);
            if (h.advance()) {
                heads.add(h);
            }
        }
        RunFile.write(target, new ArrayList<>(covered), packs, total, dst -> {
            Head h = heads.poll();
            if (h == null) {
                return false;
            }
            System.arraycopy(h.record, 0, dst, 0, RunRecord.SIZE);
            RunRecord.setPack(dst, 0, h.remap[RunRecord.pack(dst, 0)]);
            if (h.advance()) {
                heads.add(h);
            }
            return true;
        });
    }

    private static List<BlobId> sorted(List<BlobId> ids) {
        List<BlobId> out = new ArrayList<>(new TreeSet<>(ids));
        return out;
    }

    /** The current entry of one merge input. */
    private static final class Head implements Comparable<Head> {
        final int input;
        final IndexRun.Cursor cursor;
        final int[] remap;
        final byte[] record = new byte[RunRecord.SIZE];

        Head(int input, IndexRun.Cursor cursor, int[] remap) {
            this.input = input;
            this.cursor = cursor;
            this.remap = remap;
        }

        boolean advance() throws IOException {
            return cursor.next(record);
        }

        @Override
        public int compareTo(Head o) {
            int c = Arrays.compareUnsigned(record, 0, BlobId.LENGTH, o.record, 0, BlobId.LENGTH);
            return c != 0 ? c : Integer.compare(input, o.input);
        }
    }
}
