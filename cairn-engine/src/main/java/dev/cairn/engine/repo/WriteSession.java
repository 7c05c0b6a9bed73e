package dev.cairn.engine.repo;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.engine.compress.ZstdDictionary;
import dev.cairn.engine.format.BlobCodec;
import dev.cairn.engine.format.Json;
import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.id.BlobType;
import dev.cairn.engine.index.MasterIndex;
import dev.cairn.engine.pack.PackEntry;
import dev.cairn.engine.pack.PackWriter;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The scoped write side of a repository (spec §Write ordering). {@link #saveBlob} deduplicates, then compresses and seals a
 * new blob on the calling thread and appends it to an open pack of its type; a full pack is uploaded. Every
 * {@value #INDEX_EVERY_PACKS} packs or {@value #INDEX_EVERY_BLOBS} blobs an index file is written and its packs become
 * visible in {@link Repository#index()} (as a run of the local index cache); until then the session itself knows them
 * ({@link #has}), so the heap holds at most that many of the session's blob ids.
 * {@link #commitSnapshot} finishes every pack, writes the index, and only then writes the snapshot: a crash at any point
 * leaves at worst packs no snapshot refers to. {@link #close} without a commit abandons the session the same way.
 *
 * <p>Packs are built in temporary files ({@link Repository#newPackWriter}: a local store's own, published in place;
 * otherwise unnamed ones streamed to the store), so the heap holds no pack data: per calling thread only the sealing scratch of {@link BlobCodec#sealReusingBuffers}.
 *
 * <p>Full packs are finished, stored and indexed on {@value #UPLOADERS} uploader threads of the session, so the threads that
 * read, chunk, compress and seal keep working while a pack is written out and synced (or sent); at most
 * {@value #PACKS_IN_FLIGHT} full packs wait or upload at once (each is a temporary file, no heap), beyond that a saver waits.
 * {@link #flush} waits for every upload; an upload's failure fails the session.
 *
 * <p>Thread-safety: {@code saveBlob} may be called from several threads; sealing and appending run in parallel (each
 * thread appends to an open pack no other thread holds at that moment).
 * After a failure every later call throws it again (the session is then unusable).
 */
public final class WriteSession implements AutoCloseable {
    /** An index file is written once this many packs or blobs are unindexed (bounds the memory its encoding takes). */
    private static final int INDEX_EVERY_PACKS = 64;
    private static final int INDEX_EVERY_BLOBS = 16_384;
    /**
     * A pack is also finished at this many blobs, however small they are: its entries and the session's ids of its blobs
     * are in the heap until it is uploaded and indexed (a 16 MiB pack of 100-byte files would hold 100,000 of them).
     */
    static final int MAX_PACK_BLOBS = 8_192;
    /** Threads storing full packs: two keep a remote store's connection busy while a local store syncs. */
    static final int UPLOADERS = 2;
    /** Full packs queued or being stored at once; a saver that fills one more waits for a slot. */
    static final int PACKS_IN_FLIGHT = 3;
    private final java.util.concurrent.ExecutorService uploads = java.util.concurrent.Executors.newFixedThreadPool(UPLOADERS,
            r -> {
                Thread t = new Thread(r, "cairn-upload");
                t.setDaemon(true);
                return t;
            });
    private final java.util.concurrent.Semaphore uploadSlots = new java.util.concurrent.Semaphore(PACKS_IN_FLIGHT);
    private final Repository repo;
    /** Blobs claimed by this session and not yet in a stored index file. */
    private final Set<BlobId> pending = ConcurrentHashMap.newKeySet();
    /** Open packs no thread is appending to, most recently used first, by type; guards {@link #openPacks} too. */
    private final Map<BlobType, java.util.Deque<PackWriter>> packers = new EnumMap<>(BlobType.class);
    /** Every open pack not yet handed to the uploaders, idle or being appended to (closed with the session). */
    private final Set<PackWriter> openPacks = new java.util.HashSet<>();
    /** Types other than data that have their one open pack (idle or in use). */
    private final Set<BlobType> busy = java.util.EnumSet.noneOf(BlobType.class);
    private final Map<BlobId, List<PackEntry>> unindexed = new LinkedHashMap<>();
    private int unindexedBlobs;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicLong blobsAdded = new AtomicLong();
    private final AtomicLong dataBlobsAdded = new AtomicLong();
    private final AtomicLong bytesAdded = new AtomicLong();
    private final AtomicLong packedBytesAdded = new AtomicLong();
    private final AtomicLong packsWritten = new AtomicLong();
    private boolean closed;
    private volatile boolean dryRun;
    /** Which zstd dictionary small data blobs get (spec §Dictionaries); made by the first save (after {@link #dryRun}). */
    private volatile SessionDictionary dictionaries;

    WriteSession(Repository repo) {
        this.repo = repo;
    }

    /**
     * Makes this a dry run ({@code backup --dry-run}): blobs are sealed and counted as if added, but nothing is packed,
     * uploaded or indexed, and {@link #commitSnapshot} stores nothing. Call before the first save. Returns this.
     */
    public WriteSession dryRun() {
        dryRun = true;
        return this;
    }

    /** Result of {@link #saveBlob}: the id and whether this call added the blob (false when it was already known). */
    public record Saved(BlobId id, boolean added) {
    }

    /** Saves a whole array; see {@link #saveBlob(BlobType, byte[], int, int)}. */
    public Saved saveBlob(BlobType type, byte[] plaintext) throws IOException {
        return saveBlob(type, plaintext, 0, plaintext.length);
    }

    /**
     * Saves {@code data[off, off+len)} unless the repository or this session already has it. Seals on the calling thread and
     * keeps nothing of {@code data}, so the caller may reuse it as soon as this returns.
     *
     * @throws IOException if this or an earlier save failed (the session is then unusable)
     */
    public Saved saveBlob(BlobType type, byte[] data, int off, int len) throws IOException {
        rethrow();
        BlobId id = repo.codec().id(data, off, len);
        if (!claim(id)) {
            return new Saved(id, false);
        }
        try {
            ZstdDictionary dict = type == BlobType.DATA ? dictionaries().forData(len) : null;
            BlobCodec.Sealed sealed = repo.codec().sealReusingBuffers(type, id, data, off, len, dict);
            bytesAdded.addAndGet(len);
            packedBytesAdded.addAndGet(sealed.length());
            blobsAdded.incrementAndGet();
            if (type == BlobType.DATA) {
                dataBlobsAdded.incrementAndGet();
            }
            if (!dryRun) {
                repo.treeCache().keep(sealed);
                add(sealed);
                if (dict == null && type == BlobType.DATA) {
                    dictionaries().offer(data, off, len);
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            failure.compareAndSet(null, e);
            throw e;
        }
        return new Saved(id, true);
    }

    /**
     * Stores a dictionary in a pack of its own and writes an index file for it, synchronously: a dictionary is indexed
     * before any blob that needs it is sealed (spec §Dictionaries, §Write ordering), so a crash never leaves stored blobs
     * whose dictionary is missing.
     */
    private void storeDictionary(ZstdDictionary d) throws IOException {
        BlobId id = repo.codec().dictionaryBlobId(d.id());
        byte[] bytes = d.bytes();
        BlobCodec.Sealed sealed = repo.codec().seal(BlobType.DICTIONARY, id, bytes, 0, bytes.length);
        PackWriter w = repo.newPackWriter();
        w.add(sealed);
        packedBytesAdded.addAndGet(sealed.length());
        upload(w);
        writeIndex();
    }

    private SessionDictionary dictionaries() {
        SessionDictionary d = dictionaries;
        if (d == null) {
            synchronized (this) {
                d = dictionaries;
                if (d == null) {
                    d = new SessionDictionary(repo, dryRun, this::storeDictionary);
                    dictionaries = d;
                }
            }
        }
        return d;
    }

    /** Reserves {@code id} for this session; false if the repository or the session already holds it. */
    private boolean claim(BlobId id) throws IOException {
        return !pending.contains(id) && !repo.index().contains(id) && pending.add(id);
    }

    /**
     * Whether the repository or this session already holds the blob.
     *
     * @throws IOException if the local index cannot be read
     */
    public boolean has(BlobId id) throws IOException {
        return pending.contains(id) || repo.index().contains(id);
    }

    /**
     * Copies an already sealed blob (prune's repack): stored again unless this session holds it, even though the repository's
     * index knows it (the copy replaces a pack that is going away). {@code sealed[off, off + entry.length())} is not kept.
     */
    public void copySealed(PackEntry entry, byte[] sealed, int off) throws IOException {
        rethrow();
        if (!pending.add(entry.id())) {
            return;
        }
        try {
            packedBytesAdded.addAndGet(entry.length());
            blobsAdded.incrementAndGet();
            add(new BlobCodec.Sealed(entry.type(), entry.id(), sealed, off, entry.length(), entry.compressed(), entry.rawLength()));
        } catch (IOException | RuntimeException | Error e) {
            failure.compareAndSet(null, e);
            throw e;
        }
    }

    /**
     * Resumes an interrupted backup (spec §Resume): the blobs of {@code pack}, stored but listed by no index file, count as
     * this session's, so they are not sent again, and the pack goes into the next index file the session writes.
     */
    public void adopt(BlobId pack, List<PackEntry> entries) throws IOException {
        rethrow();
        boolean writeIndex;
        synchronized (unindexed) {
            if (unindexed.putIfAbsent(pack, List.copyOf(entries)) != null) {
                return;
            }
            for (PackEntry e : entries) {
                pending.add(e.id());
            }
            unindexedBlobs += entries.size();
            writeIndex = unindexed.size() >= INDEX_EVERY_PACKS || unindexedBlobs >= INDEX_EVERY_BLOBS;
        }
        if (writeIndex) {
            writeIndex();
        }
    }

    /**
     * Appends a sealed blob to an open pack of its type that no other thread is appending to (starting one if all are
     * busy) and uploads the pack once it is full. The append (a write and the pack's SHA-256) runs outside any shared
     * lock, so savers on several threads never wait for each other's appends (ADR 72); there are at most as many open
     * packs of a type as threads saving at once.
     */
    private void add(BlobCodec.Sealed sealed) throws IOException {
        PackWriter w = takePack(sealed.type());
        boolean full = false;
        try {
            w.add(sealed);
            full = w.size() >= repo.config().packSize() || w.count() >= MAX_PACK_BLOBS;
        } finally {
            giveBack(w, sealed.type(), full);
        }
        if (full) {
            uploadInBackground(w);
        }
    }

    /**
     * An open pack of {@code type} for the calling thread alone: the one last given back, else a new one. Only data blobs
     * get a pack per saving thread; tree blobs (small, saved as directories complete) share one pack, waited for while
     * another thread appends to it, so a backup's trees stay together.
     */
    private PackWriter takePack(BlobType type) throws IOException {
        synchronized (packers) {
            java.util.Deque<PackWriter> idle = packers.computeIfAbsent(type, t -> new java.util.ArrayDeque<>());
            while (true) {
                if (closed) {
                    throw new IOException("the write session is closed; nothing more can be saved in it");
                }
                if (!idle.isEmpty()) {
                    return idle.pop();
                }
                if (type == BlobType.DATA || !busy.contains(type)) {
                    break;
                }
                waitForPacks();
            }
            if (type != BlobType.DATA) {
                busy.add(type);
            }
        }
        PackWriter w;
        try {
            w = repo.newPackWriter();
        } catch (IOException | RuntimeException | Error e) {
            synchronized (packers) {
                busy.remove(type); // no pack of this type exists after all: a waiting saver may start one
                packers.notifyAll();
            }
            throw e;
        }
        synchronized (packers) {
            if (closed) {
                w.close();
                throw new IOException("the write session is closed; nothing more can be saved in it");
            }
            openPacks.add(w);
        }
        return w;
    }

    /** Gives a pack back for the next append, or (full) drops it from the open packs; wakes a saver waiting for one. */
    private void giveBack(PackWriter w, BlobType type, boolean full) {
        synchronized (packers) {
            if (!openPacks.contains(w)) {
                return; // taken by a flush or close meanwhile
            }
            if (full) {
                openPacks.remove(w);
                busy.remove(type); // a type other than data had only this pack
            } else {
                packers.computeIfAbsent(type, t -> new java.util.ArrayDeque<>()).push(w);
            }
            packers.notifyAll();
        }
    }

    private void waitForPacks() throws IOException {
        try {
            packers.wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for a pack to append to");
        }
    }

    /**
     * Hands a full pack to the uploader threads, first waiting for one of the {@value #PACKS_IN_FLIGHT} slots. A failure is
     * kept for {@link #rethrow} (and the pack's temporary file deleted).
     */
    private void uploadInBackground(PackWriter full) throws IOException {
        try {
            uploadSlots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            full.close();
            throw new java.io.InterruptedIOException("interrupted while waiting to store a pack");
        }
        try {
            uploads.execute(() -> {
                try {
                    upload(full);
                } catch (IOException | RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                } finally {
                    uploadSlots.release();
                }
            });
        } catch (RuntimeException e) {
            uploadSlots.release();
            full.close();
            throw e;
        }
    }

    /** Waits until no pack upload is queued or running; then reports the first failure of any. */
    private void awaitUploads() throws IOException {
        try {
            uploadSlots.acquire(PACKS_IN_FLIGHT);
            uploadSlots.release(PACKS_IN_FLIGHT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for packs to be stored");
        }
        rethrow();
    }

    /** Finishes, stores and indexes a pack, then deletes its temporary file (also on failure). */
    private void upload(PackWriter writer) throws IOException {
        PackWriter.Finished pack;
        try (writer) {
            pack = writer.finish(repo.aead(), repo.masterKey().encryptionKey());
            BlobName name = BlobName.of(BlobKind.PACK, pack.id().hex());
            dev.cairn.blob.StagedBlob staged = pack.staged();
            if (staged != null) {
                staged.publish(name, pack.length());
            } else {
                try (InputStream content = pack.stream()) {
                    repo.store().put(name, content, pack.length());
                }
            }
        }
        packsWritten.incrementAndGet();
        boolean writeIndex;
        synchronized (unindexed) {
            unindexed.put(pack.id(), pack.entries());
            unindexedBlobs += pack.entries().size();
            writeIndex = unindexed.size() >= INDEX_EVERY_PACKS || unindexedBlobs >= INDEX_EVERY_BLOBS;
        }
        if (writeIndex) {
            writeIndex();
        }
    }

    private void writeIndex() throws IOException {
        Map<BlobId, List<PackEntry>> batch;
        synchronized (unindexed) {
            if (unindexed.isEmpty()) {
                return;
            }
            batch = new LinkedHashMap<>(unindexed);
            unindexed.clear();
            unindexedBlobs = 0;
        }
        BlobId indexFile = repo.saveUnpacked(BlobKind.INDEX, Json.write(MasterIndex.toIndexFile(batch)));
        repo.index().addIndexed(indexFile, batch);
        for (List<PackEntry> entries : batch.values()) {
            for (PackEntry e : entries) {
                pending.remove(e.id());
            }
        }
    }

    /**
     * Uploads the partly filled packs (on the uploader threads, side by side, not one after another on this thread) and
     * writes the index for everything uploaded. Call when no save is under way.
     */
    public void flush() throws IOException {
        awaitUploads();
        if (dryRun) {
            return;
        }
        List<PackWriter> rest;
        synchronized (packers) {
            rest = List.copyOf(openPacks);
            openPacks.clear();
            busy.clear();
            packers.clear();
            packers.notifyAll();
        }
        for (PackWriter w : rest) {
            if (w.count() > 0) {
                uploadInBackground(w);
            } else {
                w.close();
            }
        }
        awaitUploads();
        writeIndex();
    }

    /** Flushes, then stores the snapshot document: the last write of a backup. Returns the snapshot id, or null in a dry run (nothing is stored). */
    public BlobId commitSnapshot(Object snapshot) throws IOException {
        flush();
        return dryRun ? null : repo.saveUnpacked(BlobKind.SNAPSHOT, Json.write(snapshot));
    }

    /** Blobs (data and tree) this session added. */
    public long blobsAdded() {
        return blobsAdded.get();
    }

    /** Data blobs this session added. */
    public long dataBlobsAdded() {
        return dataBlobsAdded.get();
    }

    /** Plaintext bytes of new blobs. */
    public long bytesAdded() {
        return bytesAdded.get();
    }

    /** Sealed (compressed and encrypted) bytes of new blobs. */
    public long packedBytesAdded() {
        return packedBytesAdded.get();
    }

    public long packsWritten() {
        return packsWritten.get();
    }

    private void rethrow() throws IOException {
        Throwable t = failure.get();
        if (t instanceof IOException io) {
            throw io;
        }
        if (t instanceof RuntimeException || t instanceof Error) {
            throw new IOException("saving blobs failed: " + t, t);
        }
    }

    /**
     * Abandons packs not yet full (their temporary files go) after the uploads under way have ended; the repository stays
     * consistent (a stored pack no index lists is adopted by the next backup, spec §Resume).
     */
    @Override
    public void close() {
        List<PackWriter> rest;
        synchronized (packers) {
            closed = true;
            rest = List.copyOf(openPacks);
            openPacks.clear();
            busy.clear();
            packers.clear();
            packers.notifyAll();
        }
        uploads.shutdown();
        try {
            uploads.awaitTermination(1, java.util.concurrent.TimeUnit.HOURS);
        } catch (InterruptedException e) {
            uploads.shutdownNow();
            Thread.currentThread().interrupt();
        }
        for (PackWriter w : rest) {
            try {
                w.close();
            } catch (IOException e) {
                // best effort: the file is unlinked already on POSIX systems
            }
        }
    }
}
