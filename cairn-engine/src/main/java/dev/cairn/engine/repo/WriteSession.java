package dev.cairn.engine.repo;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.engine.format.BlobCodec;
import dev.cairn.engine.format.Json;
import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.id.BlobType;
import dev.cairn.engine.index.MasterIndex;
import dev.cairn.engine.pack.PackEntry;
import dev.cairn.engine.pack.PackWriter;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The scoped write side of a repository (spec §Write ordering). {@link #saveBlob} deduplicates and hands new blobs to worker
 * threads that compress, seal and append them to packs; full packs are uploaded, then indexed. {@link #commitSnapshot}
 * finishes every pack, writes the index, and only then writes the snapshot: a crash at any point leaves at worst packs no
 * snapshot refers to. {@link #close} without a commit abandons the session the same way.
 *
 * <p>Thread-safety: {@code saveBlob} may be called from several threads. Memory: at most ~{@value #MAX_IN_FLIGHT_MIB} MiB of
 * plaintext waits for sealing; callers block beyond that.
 */
public final class WriteSession implements AutoCloseable {
    static final int MAX_IN_FLIGHT_MIB = 8;
    private static final int INDEX_EVERY_PACKS = 64;
    private final Repository repo;
    private final ExecutorService workers;
    private final Semaphore inFlightKiB = new Semaphore(MAX_IN_FLIGHT_MIB * 1024);
    private final Set<BlobId> pending = ConcurrentHashMap.newKeySet();
    private final Map<BlobType, PackWriter> packers = new ConcurrentHashMap<>();
    private static final int PACK_SLACK = 1 << 20;
    private static final int SMALL_BLOB = 64 << 10;
    private static final int POOLED_BUFFER = 4 << 20;
    private static final int POOLED_BUFFERS = 4;
    private final Semaphore pooledPermits = new Semaphore(POOLED_BUFFERS);
    private final java.util.concurrent.BlockingQueue<byte[]> freeBlobBuffers = new java.util.concurrent.ArrayBlockingQueue<>(POOLED_BUFFERS);
    private final java.util.concurrent.BlockingQueue<byte[]> freePackBuffers = new java.util.concurrent.ArrayBlockingQueue<>(1);
    private final Map<BlobId, List<PackEntry>> unindexed = new LinkedHashMap<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicLong blobsAdded = new AtomicLong();
    private final AtomicLong dataBlobsAdded = new AtomicLong();
    private final AtomicLong bytesAdded = new AtomicLong();
    private final AtomicLong packedBytesAdded = new AtomicLong();
    private final AtomicLong packsWritten = new AtomicLong();
    private boolean closed;

    WriteSession(Repository repo, int workerCount) {
        this.repo = repo;
        this.workers = Executors.newFixedThreadPool(Math.max(1, workerCount), r -> {
            Thread t = new Thread(r, "cairn-seal");
            t.setDaemon(true);
            return t;
        });
    }

    /** Result of {@link #saveBlob}: the id and whether this call added the blob (false when it was already known). */
    public record Saved(BlobId id, boolean added) {
    }

    /**
     * Saves a blob unless the repository (or this session) already has it. Takes ownership of {@code plaintext}.
     *
     * @throws IOException if an earlier asynchronous save failed (the session is then unusable)
     */
    public Saved saveBlob(BlobType type, byte[] plaintext) throws IOException {
        rethrow();
        BlobId id = repo.codec().id(plaintext, 0, plaintext.length);
        if (!claim(id)) {
            return new Saved(id, false);
        }
        int kib = acquire(plaintext.length);
        workers.execute(() -> seal(type, id, plaintext, plaintext.length, kib, false));
        return new Saved(id, true);
    }

    /**
     * Saves {@code data[off, off+len)} unless already stored; copies what it needs, so the caller may reuse {@code data}.
     * Large blobs are copied into recycled buffers: chunk-sized arrays that outlive a young collection would otherwise
     * pile up in the old generation and make the heap (and the process) grow far beyond the data in flight.
     */
    public Saved saveBlob(BlobType type, byte[] data, int off, int len) throws IOException {
        rethrow();
        BlobId id = repo.codec().id(data, off, len);
        if (!claim(id)) {
            return new Saved(id, false);
        }
        int kib = acquire(len);
        boolean pooled = len > SMALL_BLOB && len <= POOLED_BUFFER;
        byte[] copy = pooled ? takeBuffer() : new byte[len];
        System.arraycopy(data, off, copy, 0, len);
        workers.execute(() -> seal(type, id, copy, len, kib, pooled));
        return new Saved(id, true);
    }

    /** Reserves {@code id} for this session; false if the repository or the session already holds it. */
    private boolean claim(BlobId id) {
        return !repo.index().contains(id) && pending.add(id);
    }

    private int acquire(int length) {
        int kib = Math.min(Math.max(1, length >> 10), MAX_IN_FLIGHT_MIB * 1024);
        inFlightKiB.acquireUninterruptibly(kib);
        return kib;
    }

    private byte[] takeBuffer() {
        pooledPermits.acquireUninterruptibly();
        byte[] b = freeBlobBuffers.poll();
        return b != null ? b : new byte[POOLED_BUFFER];
    }

    /** Whether the repository or this session already holds the blob. */
    public boolean has(BlobId id) {
        return repo.index().contains(id) || pending.contains(id);
    }

    private void seal(BlobType type, BlobId id, byte[] plaintext, int length, int kib, boolean pooled) {
        try {
            if (failure.get() == null) {
                BlobCodec.Sealed sealed = repo.codec().sealReusingBuffers(type, id, plaintext, 0, length);
                bytesAdded.addAndGet(length);
                packedBytesAdded.addAndGet(sealed.length());
                blobsAdded.incrementAndGet();
                if (type == BlobType.DATA) {
                    dataBlobsAdded.incrementAndGet();
                }
                add(sealed);
            }
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        } finally {
            if (pooled) {
                freeBlobBuffers.offer(plaintext);
                pooledPermits.release();
            }
            inFlightKiB.release(kib);
        }
    }

    private void add(BlobCodec.Sealed sealed) throws IOException {
        PackWriter full = null;
        int target = (int) repo.config().packSize();
        synchronized (packers) {
            PackWriter w = packers.computeIfAbsent(sealed.type(), t -> t == BlobType.DATA ? new PackWriter(packBuffer(target)) : new PackWriter(1 << 16));
            w.add(sealed);
            if (w.size() >= target) {
                full = packers.remove(sealed.type());
            }
        }
        if (full != null) {
            upload(full);
        }
    }

    private void upload(PackWriter writer) throws IOException {
        PackWriter.Finished pack = writer.finish(repo.aead(), repo.masterKey().encryptionKey());
        repo.store().put(BlobName.of(BlobKind.PACK, pack.id().hex()), pack.stream(), pack.length());
        packsWritten.incrementAndGet();
        repo.index().addPack(pack.id(), pack.entries());
        boolean writeIndex;
        synchronized (unindexed) {
            unindexed.put(pack.id(), pack.entries());
            writeIndex = unindexed.size() >= INDEX_EVERY_PACKS;
        }
        for (PackEntry e : pack.entries()) {
            pending.remove(e.id());
        }
        recycle(pack.buffer(), (int) repo.config().packSize());
        if (writeIndex) {
            writeIndex();
        }
    }

    /** A buffer for a data pack: recycled from an uploaded pack when one is free (packs are the largest allocations). */
    private byte[] packBuffer(int target) {
        byte[] b = freePackBuffers.poll();
        return b != null ? b : new byte[target + PACK_SLACK];
    }

    private void recycle(byte[] buffer, int target) {
        if (buffer.length == target + PACK_SLACK) {
            freePackBuffers.offer(buffer);
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
        }
        repo.saveUnpacked(BlobKind.INDEX, Json.write(MasterIndex.toIndexFile(batch)));
    }

    /** Waits for every queued blob, uploads the partly filled packs and writes the index for everything uploaded. */
    public void flush() throws IOException {
        awaitQueue();
        rethrow();
        List<PackWriter> rest;
        synchronized (packers) {
            rest = List.copyOf(packers.values());
            packers.clear();
        }
        for (PackWriter w : rest) {
            if (w.count() > 0) {
                upload(w);
            }
        }
        writeIndex();
    }

    private void awaitQueue() throws IOException {
        int all = MAX_IN_FLIGHT_MIB * 1024;
        try {
            inFlightKiB.acquire(all);
            inFlightKiB.release(all);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for blobs to be sealed");
        }
    }

    /** Flushes, then stores the snapshot document: the last write of a backup. Returns the snapshot id. */
    public BlobId commitSnapshot(Object snapshot) throws IOException {
        flush();
        return repo.saveUnpacked(BlobKind.SNAPSHOT, Json.write(snapshot));
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

    /** Stops the workers; blobs not yet flushed are abandoned (the repository stays consistent). */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            workers.shutdownNow();
            try {
                workers.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
