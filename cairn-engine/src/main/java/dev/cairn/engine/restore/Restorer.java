package dev.cairn.engine.restore;

import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.snapshot.SnapshotRef;
import dev.cairn.engine.snapshot.SnapshotSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Restores snapshots into a directory of the local file system (see the package documentation for the algorithm and for
 * what is and is not guaranteed). Create one with {@link #create}; it holds no state between calls, so one restorer may run
 * several restores, also concurrently (into different targets). The repository stays owned by the caller.
 *
 * <p>Per-entry problems (damaged or missing blobs and trees, refused names, file system errors on one entry) are reported to
 * the {@link RestoreListener} and counted in {@link RestoreResult#errors()}, and the restore continues. {@code restore} itself
 * throws only when it cannot work at all.
 */
public final class Restorer {
    private final Repository repo;
    private final RestoreOptions options;
    private final RestoreListener listener;
    private final PathFilter filter;
    private final Tuning tuning;

    private Restorer(Repository repo, RestoreOptions options, RestoreListener listener, Tuning tuning) {
        this.repo = Objects.requireNonNull(repo, "repo");
        this.options = Objects.requireNonNull(options, "options");
        this.listener = listener == null ? RestoreListener.NONE : listener;
        this.filter = PathFilter.of(options.includes(), options.excludes());
        this.tuning = tuning;
    }

    public static Restorer create(Repository repo, RestoreOptions options, RestoreListener listener) {
        dev.cairn.engine.crypto.Aeads.warmUpInBackground(); // restore decrypts megabytes per blob: get the GCM intrinsic compiled
        return new Restorer(repo, options, listener, Tuning.DEFAULT);
    }

    static Restorer create(Repository repo, RestoreOptions options, RestoreListener listener, Tuning tuning) {
        return new Restorer(repo, options, listener, tuning);
    }

    /**
     * Restores the selected entries of {@code snapshot} under {@code target} (created if missing), each at its snapshot path:
     * {@code /home/a/x} goes to {@code target/home/a/x}. Existing entries are replaced where the snapshot has something else
     * at the same path (a file is rewritten only if its content differs; a directory is never deleted); entries that are not
     * in the snapshot are left alone.
     *
     * @throws java.nio.file.NotDirectoryException if {@code target} exists and is not a directory
     * @throws java.io.InterruptedIOException if the thread is interrupted (files in flight stay under their partial names)
     * @throws IOException if the target cannot be created
     */
    public RestoreResult restore(SnapshotRef snapshot, Path target) throws IOException {
        Path root = prepareTarget(target);
        Tally tally = new Tally(listener);
        announce(snapshot, tally);
        try (RestoreRun run = new RestoreRun(repo, tuning, tally, options.workers(), options.verify())) {
            Dir top = Dir.root(root, d -> Entries.finishDir(d, tally));
            PackBatch[] batch = {new PackBatch(run)};
            new RestoreWalk(repo, filter, tally::error).walk(snapshot.snapshot().tree(), top, new RestoreWalk.Sink() {
                @Override
                public void selectedDirectory(Dir dir) {
                    dir.ensureCreated(tally);
                }

                @Override
                public void file(Item f) throws IOException {
                    f.dir().ensureCreated(tally);
                    if (!PackBatch.takes(tuning, f.node().size())) {
                        submit(run, f, new FileRestore(run, f)::start);
                    } else if (batch(run, f, batch[0])) {
                        run.execute(batch[0]);
                        batch[0] = new PackBatch(run);
                    }
                }

                @Override
                public void symlink(Item l) {
                    if (l.dir().ensureCreated(tally)) {
                        Entries.createSymlink(l, tally);
                    }
                }
            });
            if (!batch[0].isEmpty()) {
                run.execute(batch[0]);
            }
            top.release();
            run.awaitFiles();
        }
        return tally.result();
    }

    /**
     * Checks that the selected files of {@code snapshot} under {@code target} hold what the snapshot says, as
     * {@code restore} does with {@link RestoreOptions#verify()}; changes nothing. A differing file is reported as a
     * {@link RestoreMismatchException}, a missing one as a {@link java.nio.file.NoSuchFileException}. The result counts only
     * {@code verified} and {@code errors}.
     *
     * @throws IOException if {@code target} is not a readable directory
     */
    public RestoreResult verify(SnapshotRef snapshot, Path target) throws IOException {
        Path root = target.toRealPath();
        if (!Files.isDirectory(root)) {
            throw new java.nio.file.NotDirectoryException(target.toString());
        }
        Tally tally = new Tally(listener);
        announce(snapshot, tally);
        try (RestoreRun run = new RestoreRun(repo, tuning, tally, options.workers(), false)) {
            Dir top = Dir.root(root, d -> { });
            new RestoreWalk(repo, filter, tally::error).walk(snapshot.snapshot().tree(), top,
                    f -> submit(run, f, () -> {
                        try {
                            run.verifyFile(f);
                        } finally {
                            run.fileDone(f);
                        }
                    }));
            top.release();
            run.awaitFiles();
        }
        return tally.result();
    }

    /** Adds a file to a batch, holding its directory and taking its slot; returns whether the batch is full. */
    private static boolean batch(RestoreRun run, Item f, PackBatch batch) throws IOException {
        f.dir().hold();
        try {
            run.acquireSlot();
        } catch (IOException | RuntimeException e) {
            f.dir().release();
            throw e;
        }
        return batch.add(f);
    }

    /** Starts a file task, holding its directory until the task ends with {@link RestoreRun#fileDone(Item)}. */
    private static void submit(RestoreRun run, Item f, Runnable task) throws IOException {
        f.dir().hold();
        try {
            run.submitFile(task);
        } catch (IOException | RuntimeException e) {
            f.dir().release();
            throw e;
        }
    }

    /**
     * Tells the listener how many files and bytes are selected: from the snapshot's summary when everything is restored,
     * else by walking the selected trees once beforehand (reads trees only; problems are reported by the restore itself).
     */
    private void announce(SnapshotRef snapshot, Tally tally) throws IOException {
        SnapshotSummary summary = snapshot.snapshot().summary();
        if (filter.selectsAll() && summary != null) {
            tally.start(summary.totalFiles(), summary.totalBytes());
            return;
        }
        long[] totals = new long[2];
        new RestoreWalk(repo, filter, (path, e) -> { }).walk(snapshot.snapshot().tree(), Dir.root(Path.of("/"), d -> { }), f -> {
            totals[0]++;
            totals[1] += Math.max(0, f.node().size());
        });
        tally.start(totals[0], totals[1]);
    }

    private static Path prepareTarget(Path target) throws IOException {
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new java.nio.file.NotDirectoryException(target + " exists and is not a directory; choose a directory to restore into");
        }
        Files.createDirectories(target);
        return target.toRealPath();
    }
}
