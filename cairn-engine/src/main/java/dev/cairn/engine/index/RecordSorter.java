package dev.cairn.engine.index;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A stable external sort of fixed-size records by their first {@code keySize} bytes (unsigned): records that compare equal
 * come out in the order they were added. At most {@code memoryRecords} records are held in the heap; beyond that, sorted
 * runs are spilled to temporary files in {@code tmpDir} and merged when read (one buffered reader per spill, whose buffers
 * together stay near {@value #MERGE_BUFFER_BYTES} bytes). The spill files are deleted by {@link #close()}.
 * Single use: add everything, then read {@link #sorted()} once. Not thread-safe.
 */
final class RecordSorter implements AutoCloseable {
    private static final int MERGE_BUFFER_BYTES = 4 << 20;
    private final int recordSize;
    private final int keySize;
    private final int memoryRecords;
    private final Path tmpDir;
    private byte[] buffer;
    private int buffered;
    private int[] memoryOrder;
    private boolean finished;
    private long count;
    private final List<Path> spills = new ArrayList<>();

    RecordSorter(int recordSize, int keySize, int memoryRecords, Path tmpDir) {
        this.recordSize = recordSize;
        this.keySize = keySize;
        this.memoryRecords = memoryRecords;
        this.tmpDir = tmpDir;
        this.buffer = new byte[Math.min(memoryRecords, 1024) * recordSize];
    }

    /** Reads one record; returns false at the end. */
    interface Cursor extends AutoCloseable {
        boolean next(byte[] dst, int off) throws IOException;

        @Override
        void close() throws IOException;
    }

    /** Adds the record at {@code src[off, off + recordSize)}. */
    void add(byte[] src, int off) throws IOException {
        if (finished) {
            throw new IllegalStateException("records cannot be added after sorting");
        }
        if (buffered == memoryRecords) {
            spill();
        }
        if ((buffered + 1) * recordSize > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(memoryRecords, 2 * buffered + 1) * recordSize);
        }
        System.arraycopy(src, off, buffer, buffered * recordSize, recordSize);
        buffered++;
        count++;
    }

    /** Records added. */
    long count() {
        return count;
    }

    /** The records in key order (stable); each call reads them all again. */
    Cursor sorted() throws IOException {
        if (!finished) {
            finished = true;
            int[] order = sortBuffer();
            if (spills.isEmpty()) {
                memoryOrder = order;
            } else {
                if (buffered > 0) {
                    writeSpill(order);
                }
                buffer = null;
            }
        }
        return memoryOrder != null ? memoryCursor(memoryOrder) : new Merge();
    }

    private void spill() throws IOException {
        writeSpill(sortBuffer());
    }

    private void writeSpill(int[] order) throws IOException {
        Path file = Files.createTempFile(tmpDir, "sort-", ".tmp");
        spills.add(file);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            for (int i : order) {
                out.write(buffer, i * recordSize, recordSize);
            }
        }
        buffered = 0;
    }

    private Cursor memoryCursor(int[] order) {
        return new Cursor() {
            private int next;

            @Override
            public boolean next(byte[] dst, int off) {
                if (next == order.length) {
                    return false;
                }
                System.arraycopy(buffer, order[next++] * recordSize, dst, off, recordSize);
                return true;
            }

            @Override
            public void close() {
            }
        };
    }

    /** Indices of the buffered records in stable key order (a merge sort on indices). */
    private int[] sortBuffer() {
        int[] a = new int[buffered];
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
        mergeSort(a, new int[a.length], 0, a.length);
        return a;
    }

    private void mergeSort(int[] a, int[] tmp, int from, int to) {
        if (to - from < 2) {
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(a, tmp, from, mid);
        mergeSort(a, tmp, mid, to);
        if (compare(a[mid - 1], a[mid]) <= 0) {
            return;
        }
        System.arraycopy(a, from, tmp, from, to - from);
        for (int i = from, l = from, r = mid; i < to; i++) {
            a[i] = r >= to || (l < mid && compare(tmp[l], tmp[r]) <= 0) ? tmp[l++] : tmp[r++];
        }
    }

    private int compare(int x, int y) {
        return Arrays.compareUnsigned(buffer, x * recordSize, x * recordSize + keySize, buffer, y * recordSize,
                y * recordSize + keySize);
    }

    /** K-way merge of the spills; ties go to the earlier spill, which keeps the sort stable. */
    private final class Merge implements Cursor {
        private final List<InputStream> inputs = new ArrayList<>();
        private final PriorityQueue<Head> heads = new PriorityQueue<>();

        Merge() throws IOException {
            int bufferSize = Math.max(4096, MERGE_BUFFER_BYTES / spills.size());
            try {
                for (int i = 0; i < spills.size(); i++) {
                    InputStream in = new BufferedInputStream(Files.newInputStream(spills.get(i)), bufferSize);
                    inputs.add(in);
                    Head h = new Head(i, new byte[recordSize]);
                    if (read(in, h.record)) {
                        heads.add(h);
                    }
                }
            } catch (IOException | RuntimeException e) {
                close();
                throw e;
            }
        }

        @Override
        public boolean next(byte[] dst, int off) throws IOException {
            Head h = heads.poll();
            if (h == null) {
                return false;
            }
            System.arraycopy(h.record, 0, dst, off, recordSize);
            if (read(inputs.get(h.spill), h.record)) {
                heads.add(h);
            }
            return true;
        }

        private boolean read(InputStream in, byte[] record) throws IOException {
            int n = in.readNBytes(record, 0, recordSize);
            if (n == 0) {
                return false;
            }
            if (n < recordSize) {
                throw new EOFException("sort spill file truncated");
            }
            return true;
        }

        @Override
        public void close() throws IOException {
            for (InputStream in : inputs) {
                in.close();
            }
        }

        private final class Head implements Comparable<Head> {
            final int spill;
            final byte[] record;

            Head(int spill, byte[] record) {
                this.spill = spill;
                this.record = record;
            }

            @Override
            public int compareTo(Head o) {
                int c = Arrays.compareUnsigned(record, 0, keySize, o.record, 0, keySize);
                return c != 0 ? c : Integer.compare(spill, o.spill);
            }
        }
    }

    /** Deletes the spill files. */
    @Override
    public void close() throws IOException {
        for (Path p : spills) {
            Files.deleteIfExists(p);
        }
        spills.clear();
        buffer = null;
    }
}
