package dev.cairn.engine.index;

import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.id.BlobType;
import dev.cairn.engine.pack.PackEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The merged view of every index file: blob id → location, plus the blobs of each pack (spec §Index; ADR 20). Entries live
 * on disk in sorted {@link IndexRun runs} (the repository's local index cache, or a private temporary directory), read a
 * block at a time; the heap holds per run only its pack ids, a sparse fence and for small runs a Bloom filter, plus an
 * overlay of at most {@value #OVERLAY_MAX} entries added one pack at a time ({@link #addPack}). So memory does not grow
 * with the repository: a lookup costs one positional read of 6.4 KB in the largest run and rarely one in another.
 *
 * <p>A write session adds a run per index file it writes ({@link #addIndexed}); runs of similar size are merged in the
 * background (one thread, started on demand) so that a lookup visits few runs. When a blob is in several packs, any copy
 * may be returned (all are valid); the runs are searched largest first, then the overlay in the order packs were added.
 *
 * <p>Thread-safe. Lookups read the local disk and throw {@link IOException} if that fails. {@link #close()} waits for a
 * merge under way, closes the runs and deletes a private directory.
 */
public final class MasterIndex implements AutoCloseable {
    /** Entries the overlay holds before it is written out as a run of this process: ~4 MiB of heap. */
    static final int OVERLAY_MAX = 1 << 16;
    private static final ThreadLocal<byte[]> KEY = ThreadLocal.withInitial(() -> new byte[BlobId.LENGTH]);
    private RunDirectory directory;
    private volatile List<IndexRun> runs;
    private final List<IndexRun> retired = new ArrayList<>();
    /** Lookups reading the runs right now: retired runs are closed only when none is (see {@link #closeRetired}). */
    private final java.util.concurrent.atomic.AtomicInteger reading = new java.util.concurrent.atomic.AtomicInteger();
    private BlobTable overlay = new BlobTable();
    private List<BlobId> overlayPacks = new ArrayList<>();
    private Map<BlobId, Integer> overlayPackNumbers = new HashMap<>();
    private ExecutorService merger;
    private Future<?> merging;
    private boolean closed;

    /** An empty index whose runs, if any are needed, go to a private temporary directory. */
    public MasterIndex() {
        this(null, List.of());
    }

    MasterIndex(RunDirectory directory, List<IndexRun> runs) {
        this.directory = directory;
        this.runs = List.copyOf(runs);
    }

    /** Adds all blobs of a pack (kept in the heap until {@value #OVERLAY_MAX} entries, then written as a private run). */
    public void addPack(BlobId pack, List<PackEntry> entries) throws IOException {
        synchronized (this) {
            if (overlayPackNumbers.containsKey(pack)) {
                return;
            }
            int number = overlayPacks.size();
            overlayPacks.add(pack);
            overlayPackNumbers.put(pack, number);
            for (PackEntry e : entries) {
                overlay.add(number, e);
            }
            if (overlay.size() < OVERLAY_MAX) {
                return;
            }
        }
        spillOverlay();
    }

    /** Adds every pack of a decoded index file (to the overlay, see {@link #addPack}). */
    public void addIndexFile(IndexFile file) {
        try {
            for (IndexFile.PackBlobs p : file.packs()) {
                addPack(BlobId.parse(p.id()), toEntries(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Adds the packs of the index file {@code indexFile}, just stored, as a run standing for it (kept in the local cache when
     * there is one, so later processes need not decode that index file).
     *
     * @throws IOException if the run cannot be written
     */
    public void addIndexed(BlobId indexFile, Map<BlobId, List<PackEntry>> packs) throws IOException {
        RunDirectory dir = directory();
        java.nio.file.Path target = dir.target(List.of(indexFile));
        try (RunBuilder b = new RunBuilder(dir.path())) {
            for (Map.Entry<BlobId, List<PackEntry>> p : packs.entrySet()) {
                b.addPack(p.getKey(), p.getValue());
            }
            b.write(target, List.of(indexFile));
        }
        addRun(IndexRun.open(target));
    }

    /** Writes the overlay out as a run of this process and empties it. */
    private void spillOverlay() throws IOException {
        RunDirectory dir = directory();
        java.nio.file.Path target = dir.target(List.of());
        synchronized (this) {
            if (overlay.size() < OVERLAY_MAX) {
                return; // another thread spilled it
            }
            try (RunBuilder b = new RunBuilder(dir.path())) {
                for (int n = 0; n < overlay.size(); n++) {
                    b.addPack(overlayPacks.get(overlay.pack(n)), List.of(overlay.entry(n)));
                }
                b.write(target, List.of());
            }
            addRunLocked(IndexRun.open(target));
            overlay = new BlobTable();
            overlayPacks = new ArrayList<>();
            overlayPackNumbers = new HashMap<>();
        }
    }

    private synchronized RunDirectory directory() throws IOException {
        if (directory == null) {
            directory = RunDirectory.temporary();
        }
        return directory;
    }

    private void addRun(IndexRun run) {
        synchronized (this) {
            addRunLocked(run);
        }
    }

    private void addRunLocked(IndexRun run) {
        List<IndexRun> next = new ArrayList<>(runs);
        next.add(run);
        next.sort((a, b) -> Long.compare(b.count(), a.count()));
        runs = List.copyOf(next);
        scheduleMerge();
    }

    /** Where {@code id} is stored (a new object on each call), or null. */
    public BlobLocation lookup(BlobId id) throws IOException {
        BlobLocation inRuns = findInRuns(id, true);
        if (inRuns != null) {
            return inRuns;
        }
        synchronized (this) {
            int n = overlay.find(id);
            return n < 0 ? null : overlay.location(n, overlayPacks.get(overlay.pack(n)));
        }
    }

    public boolean contains(BlobId id) throws IOException {
        if (findInRuns(id, false) != null) {
            return true;
        }
        synchronized (this) {
            return overlay.find(id) >= 0;
        }
    }

    /** Marks "found" without reading the entry (for {@link #contains}). */
    private static final BlobLocation FOUND = new BlobLocation(null, null, 0, 0, 0, false);

    /**
     * The first run's entry for {@code id} (with {@code locate}: read; else {@link #FOUND}), or null; counted in
     * {@link #reading} while the runs are read.
     */
    private BlobLocation findInRuns(BlobId id, boolean locate) throws IOException {
        byte[] key = KEY.get();
        id.copyTo(key, 0);
        reading.incrementAndGet();
        try {
            for (IndexRun run : runs) {
                long pos = run.find(key);
                if (pos >= 0) {
                    return locate ? run.location(pos) : FOUND;
                }
            }
            return null;
        } finally {
            reading.decrementAndGet();
        }
    }

    /** Whether {@code pack} has been added. */
    public boolean hasPack(BlobId pack) {
        for (IndexRun run : runs) {
            if (run.packRank(pack) >= 0) {
                return true;
            }
        }
        synchronized (this) {
            return overlayPackNumbers.containsKey(pack);
        }
    }

    /**
     * The blobs of {@code pack} as the first run (or the overlay) that lists it has them, also those another pack supplies
     * to {@link #lookup}. Reads that whole run: for rare checks of damaged repositories.
     */
    public List<PackEntry> packEntries(BlobId pack) throws IOException {
        reading.incrementAndGet();
        try {
            for (IndexRun run : runs) {
                if (run.packRank(pack) >= 0) {
                    return run.packEntries(pack);
                }
            }
        } finally {
            reading.decrementAndGet();
        }
        synchronized (this) {
            Integer number = overlayPackNumbers.get(pack);
            List<PackEntry> out = new ArrayList<>();
            for (int n = 0; number != null && n < overlay.size(); n++) {
                if (overlay.pack(n) == number) {
                    out.add(overlay.entry(n));
                }
            }
            return out;
        }
    }

    /** Distinct blob ids; reads every run (for tests and statistics). */
    public long blobCount() throws IOException {
        long[] distinct = {0};
        forEachFirst((id, location) -> distinct[0]++);
        return distinct[0];
    }

    /** The location of every blob (one object per blob: for tests only). */
    public Collection<BlobLocation> locations() throws IOException {
        List<BlobLocation> out = new ArrayList<>();
        forEachFirst((id, location) -> out.add(location));
        return out;
    }

    /** Receives each distinct blob once, with the location {@link #lookup} would return. */
    @FunctionalInterface
    interface BlobVisitor {
        void visit(BlobId id, BlobLocation location) throws IOException;
    }

    /** Visits every distinct blob: the runs merged by id (first copy wins), then overlay entries no run has. */
    void forEachFirst(BlobVisitor visitor) throws IOException {
        reading.incrementAndGet();
        try {
            forEachFirstCounted(visitor);
        } finally {
            reading.decrementAndGet();
        }
    }

    private void forEachFirstCounted(BlobVisitor visitor) throws IOException {
        List<IndexRun> current = runs;
        List<IndexRun.Cursor> cursors = new ArrayList<>();
        List<byte[]> heads = new ArrayList<>();
        for (IndexRun run : current) {
            IndexRun.Cursor c = run.cursor(1 << 16);
            byte[] r = new byte[RunRecord.SIZE];
            cursors.add(c);
            heads.add(c.next(r) ? r : null);
        }
        byte[] last = null;
        while (true) {
            int min = -1;
            for (int i = 0; i < heads.size(); i++) {
                byte[] h = heads.get(i);
                if (h != null && (min < 0 || Arrays.compareUnsigned(h, 0, BlobId.LENGTH, heads.get(min), 0, BlobId.LENGTH) < 0)) {
                    min = i;
                }
            }
            if (min < 0) {
                break;
            }
            byte[] h = heads.get(min);
            if (last == null || !Arrays.equals(last, 0, BlobId.LENGTH, h, 0, BlobId.LENGTH)) {
                visitor.visit(BlobId.of(h, 0), RunRecord.location(h, 0, current.get(min).packId(RunRecord.pack(h, 0))));
                last = h.clone();
            }
            heads.set(min, cursors.get(min).next(h) ? h : null);
        }
        List<BlobId> overlayOnly = new ArrayList<>();
        synchronized (this) {
            for (int n = 0; n < overlay.size(); n++) {
                if (overlay.isFirst(n)) {
                    overlayOnly.add(overlay.entry(n).id());
                }
            }
        }
        for (BlobId id : overlayOnly) {
            byte[] key = id.toBytes();
            boolean inRuns = false;
            for (IndexRun run : current) {
                inRuns |= run.find(key) >= 0;
            }
            if (!inRuns) {
                visitor.visit(id, lookup(id));
            }
        }
    }

    /**
     * A numbering of the index's entries for bitsets over blobs (check, stats): waits for a merge under way and freezes the
     * current runs. Valid while nothing is added to the index.
     */
    public Ordinals ordinals() throws IOException {
        awaitMerge();
        synchronized (this) {
            return new Ordinals(runs, overlay, overlayPacks);
        }
    }

    private void awaitMerge() throws IOException {
        Future<?> pending;
        synchronized (this) {
            pending = merging;
        }
        if (pending == null) {
            return;
        }
        try {
            pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while the index was being merged");
        } catch (java.util.concurrent.ExecutionException e) {
            // a failed merge changed nothing
        }
    }

    /** Receives index entries with their numbers. */
    @FunctionalInterface
    public interface EntryVisitor {
        void visit(long ordinal, BlobId id, BlobLocation location) throws IOException;
    }

    /**
     * Numbers 0 to {@link #size()} - 1 for the entries of a frozen index: runs in turn, then the overlay. A blob stored
     * twice has two entries; {@link #of} always gives the same one of them. Thread-safe.
     */
    public static final class Ordinals {
        private final List<IndexRun> runs;
        private final long[] starts;
        private final BlobTable overlay;
        private final List<BlobId> overlayPacks;
        private final long size;

        private Ordinals(List<IndexRun> runs, BlobTable overlay, List<BlobId> overlayPacks) {
            this.runs = runs;
            this.starts = new long[runs.size()];
            long total = 0;
            for (int i = 0; i < runs.size(); i++) {
                starts[i] = total;
                total += runs.get(i).count();
            }
            this.overlay = overlay;
            this.overlayPacks = overlayPacks;
            this.size = total + overlay.size();
        }

        public long size() {
            return size;
        }

        /** The number of {@code id}'s entry (the one {@link MasterIndex#lookup} returns), or -1. */
        public long of(BlobId id) throws IOException {
            byte[] key = id.toBytes();
            for (int i = 0; i < runs.size(); i++) {
                long pos = runs.get(i).find(key);
                if (pos >= 0) {
                    return starts[i] + pos;
                }
            }
            synchronized (overlay) {
                int n = overlay.find(id);
                return n < 0 ? -1 : size - overlay.size() + n;
            }
        }

        /** Visits every entry in number order (reads every run once). */
        public void forEach(EntryVisitor visitor) throws IOException {
            byte[] record = new byte[RunRecord.SIZE];
            for (int i = 0; i < runs.size(); i++) {
                IndexRun run = runs.get(i);
                IndexRun.Cursor c = run.cursor(1 << 18);
                for (long pos = 0; c.next(record); pos++) {
                    visitor.visit(starts[i] + pos, BlobId.of(record, 0), RunRecord.location(record, 0, run.packId(RunRecord.pack(record, 0))));
                }
            }
            long base = size - overlay.size();
            for (int n = 0; n < overlay.size(); n++) {
                PackEntry e = overlay.entry(n);
                visitor.visit(base + n, e.id(), overlay.location(n, overlayPacks.get(overlay.pack(n))));
            }
        }
    }

    /** Starts a background merge if runs of similar size have accumulated (and none is running). */
    private void scheduleMerge() {
        if (closed || (merging != null && !merging.isDone()) || MergePolicy.choose(runs).isEmpty()) {
            return;
        }
        if (merger == null) {
            merger = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "cairn-index-merge");
                t.setDaemon(true);
                return t;
            });
        }
        merging = merger.submit(this::mergeInBackground);
    }

    private void mergeInBackground() {
        try {
            while (mergeOnce()) {
                // merge until the policy is satisfied
            }
        } catch (IOException | RuntimeException e) {
            // a failed merge leaves the runs as they were; lookups are still correct, only slower
        }
    }

    /** Merges until no tier needs merging; used when opening a cache with many runs. */
    void mergeNow() throws IOException {
        while (mergeOnce()) {
            // until the policy is satisfied
        }
    }

    /** Merges one group of runs the policy picks; false if it picks none. */
    private boolean mergeOnce() throws IOException {
        List<IndexRun> inputs;
        synchronized (this) {
            inputs = closed ? List.of() : MergePolicy.choose(runs);
        }
        if (inputs.isEmpty()) {
            return false;
        }
        RunDirectory dir = directory();
        List<BlobId> covered = new ArrayList<>();
        inputs.forEach(r -> covered.addAll(r.covered()));
        covered.sort(null);
        java.nio.file.Path target = dir.target(covered);
        RunBuilder.merge(target, inputs);
        IndexRun merged = IndexRun.open(target);
        synchronized (this) {
            List<IndexRun> next = new ArrayList<>(runs);
            next.removeAll(inputs);
            next.add(merged);
            next.sort((a, b) -> Long.compare(b.count(), a.count()));
            runs = List.copyOf(next);
            retired.addAll(inputs); // lookups under way may still read them
        }
        closeRetired();
        for (IndexRun r : inputs) {
            if (!r.file().equals(target)) {
                dir.delete(r.file());
            }
        }
        return true;
    }

    /**
     * Closes the retired runs if no lookup is reading right now: a lookup counts itself before it reads the list of runs
     * and until it is done, so when none is counted after a merge replaced the list, none can still hold a retired run.
     * Otherwise they stay open until the next merge or {@link #close()} (a long backup would otherwise keep the file
     * handles of every run it ever merged).
     */
    private void closeRetired() throws IOException {
        List<IndexRun> closing;
        synchronized (this) {
            if (reading.get() != 0) {
                return;
            }
            closing = List.copyOf(retired);
            retired.clear();
        }
        for (IndexRun r : closing) {
            r.close();
        }
    }

    /**
     * Deletes the local cache's run files that stand for any of {@code indexFiles} (they were deleted from the repository by
     * prune; spec §Prune step e). Waits for a merge under way first. Runs this index has open stay readable for this process.
     * A cache without such runs, or a private directory, is left alone. Returns how many run files were deleted.
     */
    public int dropCachedRuns(java.util.Set<BlobId> indexFiles) throws IOException {
        awaitMerge();
        RunDirectory dir;
        synchronized (this) {
            dir = directory;
        }
        if (dir == null || !dir.shared()) {
            return 0;
        }
        int dropped = 0;
        for (java.nio.file.Path p : dir.runs()) {
            RunHeader h = RunHeader.read(p);
            if (h != null && h.covered().stream().anyMatch(indexFiles::contains)) {
                dir.delete(p);
                dropped++;
            }
        }
        return dropped;
    }

    /** Runs in use now, largest first (for the cache and tests). */
    List<IndexRun> runs() {
        return runs;
    }

    /** Waits for a merge under way, closes every run and deletes a private directory. */
    @Override
    public void close() throws IOException {
        Future<?> pending;
        synchronized (this) {
            closed = true;
            pending = merging;
        }
        if (pending != null) {
            try {
                pending.get(10, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // closing anyway
            }
        }
        if (merger != null) {
            merger.shutdown();
        }
        synchronized (this) {
            for (IndexRun r : runs) {
                r.close();
            }
            for (IndexRun r : retired) {
                r.close();
            }
            runs = List.of();
            if (directory != null) {
                directory.close();
            }
        }
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
