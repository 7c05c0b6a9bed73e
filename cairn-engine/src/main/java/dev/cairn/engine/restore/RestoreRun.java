package dev.cairn.engine.restore;

import dev.cairn.engine.concurrent.QueueGate;
import dev.cairn.engine.repo.Repository;
import java.io.InterruptedIOException;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The shared state of one restore: repository, blob cache, counters, the worker pool, and the bound on files in flight.
 * A file ends with {@link #fileDone(Item)}, which also releases its directory (see {@link Dir}).
 *
 * <p>Memory bound: the submitting thread blocks once {@code 4 × workers} files (plus two batches of small files) are
 * started and not finished, and then goes on once up to 256 of them have finished (one wake-up per such step, not per
 * file: {@link QueueGate}). Follow-up tasks
 * (the further segments of a large file) are queued without blocking, so workers never wait on each other; they are small,
 * and buffers exist only while a task runs. Ranged reads are streamed blob by blob, so at most {@code workers} sealed
 * blobs and their plaintexts are in memory at once, plus the cache.
 */
final class RestoreRun implements AutoCloseable {
    private final Repository repo;
    private final Tuning tuning;
    private final Tally tally;
    private final BlobCache cache;
    private final ExecutorService pool;
    private final QueueGate inFlight;
    private final boolean verify;
    private final AtomicReference<Throwable> fatal = new AtomicReference<>();
    private final ThreadLocal<FetchBuffers> buffers = ThreadLocal.withInitial(FetchBuffers::new);

    /** @param verify re-read each file once it is complete and check it against its blob ids */
    RestoreRun(Repository repo, Tuning tuning, Tally tally, int workers, boolean verify) {
        this.repo = repo;
        this.tuning = tuning;
        this.tally = tally;
        this.verify = verify;
        this.cache = new BlobCache(tuning.cacheBytes());
        this.pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "cairn-restore");
            t.setDaemon(true);
            return t;
        });
        int slots = 4 * workers + 2 * tuning.batchFiles(); // a batch takes its files' slots before it starts
        // resume ≥ 3/4 of the slots ≥ one batch: the files of the batch being filled (slots taken, not yet started) can
        // never be all that keeps the walk waiting
        this.inFlight = new QueueGate(slots, slots - Math.max(1, Math.min(256, slots / 4)));
    }

    Repository repo() {
        return repo;
    }

    /** The calling worker's reusable read and open buffers. */
    FetchBuffers buffers() {
        return buffers.get();
    }

    Tuning tuning() {
        return tuning;
    }

    Tally tally() {
        return tally;
    }

    BlobCache cache() {
        return cache;
    }

    /** Starts a file-level task once a slot is free; the task must end by calling {@link #fileDone(Item)} exactly once. */
    void submitFile(Runnable task) throws InterruptedIOException {
        acquireSlot();
        execute(task);
    }

    /** Takes a file's slot (waiting for one); {@link #fileDone(Item)} gives it back. */
    void acquireSlot() throws InterruptedIOException {
        try {
            while (!inFlight.tryEnter(100, TimeUnit.MILLISECONDS)) {
                checkFatal();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("restore interrupted");
        }
    }

    /** Queues a follow-up task of a file already in flight; never blocks. */
    void execute(Runnable task) {
        pool.execute(() -> {
            try {
                task.run();
            } catch (Throwable t) {
                fatal.compareAndSet(null, t);
            }
        });
    }

    /** Ends a file: frees its slot and releases its directory. */
    void fileDone(Item item) {
        inFlight.leave();
        item.dir().release();
    }

    /** A file is complete under its final name: with verification on, it is re-read and checked now (on this worker). */
    void completed(Item item) {
        if (verify) {
            verifyFile(item);
        }
    }

    /** Checks a file on disk against the snapshot; a difference or read failure is reported as an error of that file. */
    void verifyFile(Item f) {
        try {
            Layout layout = Layout.of(repo, f.snapshotPath(), f.node());
            ContentCheck.verify(repo.codec(), f.path(), layout, f.snapshotPath());
            tally.verified();
        } catch (IOException | RuntimeException e) {
            tally.error(f.snapshotPath(), FileRestore.asIo(e));
        }
    }

    /** Waits until every submitted file is done. */
    void awaitFiles() throws IOException {
        try {
            while (!inFlight.awaitEmpty(100, TimeUnit.MILLISECONDS)) {
                checkFatal();
            }
            checkFatal();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("restore interrupted");
        }
    }

    /** A task failed in a way no file-level error explains (a bug): stop the restore with it. */
    private void checkFatal() {
        Throwable t = fatal.get();
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        if (t != null) {
            throw new IllegalStateException("restore task failed", t);
        }
    }

    /** Stops the workers (interrupting any still running after a failure). */
    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
