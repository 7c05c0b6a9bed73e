package dev.cairn.engine.restore;

import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.restore.RestorePlan.Item;
import dev.cairn.engine.snapshot.SnapshotRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        RestorePlan plan = new Planner(repo, filter, root).plan(snapshot.snapshot().tree());
        Tally tally = new Tally(listener);
        tally.start(plan);
        try (RestoreRun run = new RestoreRun(repo, tuning, tally, plan.sharedBlobs(), options.workers())) {
            List<Item> dirs = Entries.createDirs(plan.dirs(), tally);
            for (Item f : plan.files()) {
                run.submitFile(new FileRestore(run, f)::start);
            }
            run.awaitFiles();
            Entries.createSymlinks(plan.symlinks(), tally);
            if (options.verify()) {
                verifyFiles(run, run.drainCompleted());
            }
            Entries.finishDirs(dirs, tally);
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
        RestorePlan plan = new Planner(repo, filter, root).plan(snapshot.snapshot().tree());
        Tally tally = new Tally(listener);
        tally.start(plan);
        try (RestoreRun run = new RestoreRun(repo, tuning, tally, plan.sharedBlobs(), options.workers())) {
            verifyFiles(run, plan.files());
        }
        return tally.result();
    }

    private static void verifyFiles(RestoreRun run, List<Item> files) throws IOException {
        for (Item f : files) {
            run.submitFile(() -> verifyFile(run, f));
        }
        run.awaitFiles();
    }

    private static void verifyFile(RestoreRun run, Item f) {
        try {
            Layout layout = Layout.of(run.repo(), f.snapshotPath(), f.node());
            ContentCheck.verify(run.repo().codec(), f.path(), layout, f.snapshotPath());
            run.tally().verified();
        } catch (IOException | RuntimeException e) {
            run.tally().error(f.snapshotPath(), FileRestore.asIo(e));
        } finally {
            run.fileDone();
        }
    }

    private static Path prepareTarget(Path target) throws IOException {
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new java.nio.file.NotDirectoryException(target + " exists and is not a directory; choose a directory to restore into");
        }
        Files.createDirectories(target);
        return target.toRealPath();
    }
}
