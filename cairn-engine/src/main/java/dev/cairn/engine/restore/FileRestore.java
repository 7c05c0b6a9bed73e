package dev.cairn.engine.restore;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Restores one regular file. {@link #prepare} lays the file out from the index; if the target already holds a file with
 * exactly that content, only its metadata is applied. Otherwise the content is written into the sibling partial file
 * (created with its final size, owner-only permissions): by {@link Segments} for a file restored on its own
 * ({@link #start}), or by the ranged reads of a {@link PackBatch} of small files. The last unit of work (a segment, or a
 * blob of a batch) to finish applies the metadata and renames the partial file over the final name.
 *
 * <p>A damaged or missing blob does not stop the other blobs: the file stays under its partial name, the damaged ranges
 * holding zeros, and one error is reported. A failure of the target file system stops the file at once and removes the
 * partial file. A file whose blobs the index does not know cannot be laid out and is not started.
 */
final class FileRestore {
    private final RestoreRun run;
    private final Item item;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicReference<IOException> failure = new AtomicReference<>();
    private volatile boolean stopped;
    private Layout layout;
    private Path target;
    private Path partial;
    private boolean direct;
    private boolean targetAbsent;
    private OutputFile out;

    FileRestore(RestoreRun run, Item item) {
        this.run = run;
        this.item = item;
    }

    /** Runs on a worker; ends the file (now or via its last segment) with exactly one {@link RestoreRun#fileDone(Item)}. */
    void start() {
        if (!prepare()) {
            return;
        }
        new Segments(run, this).start();
    }

    /**
     * Lays the file out and opens its partial file; returns whether content must be written. If not, the file is already
     * done (its content was in place, or it failed and was reported).
     */
    boolean prepare() {
        boolean unchanged;
        try {
            layout = Layout.of(run.repo(), item.snapshotPath(), item.node());
            for (dev.cairn.engine.id.BlobId id : layout.ids()) {
                run.cache().sighted(id);
            }
            unchanged = alreadyRestored();
            if (!unchanged) {
                clearPath();
            }
        } catch (IOException | RuntimeException e) {
            closeChannel();
            deletePartial();
            run.tally().error(item.snapshotPath(), asIo(e));
            run.fileDone(item);
            return false;
        }
        if (unchanged) {
            finishUnchanged();
        }
        return !unchanged;
    }

    Layout layout() {
        return layout;
    }

    /** The file ends after its last segment's {@link #unitDone()}. */
    void expectSegments(int count) {
        pending.set(count);
    }

    /** For a batch: the file ends after {@code units} calls of {@link #unitDone()} (at once if none). */
    void expect(int units) {
        pending.set(units);
        if (units == 0) {
            finish();
        }
    }

    boolean stopped() {
        return stopped;
    }

    void unitDone() {
        if (pending.decrementAndGet() == 0) {
            finish();
        }
    }

    /** Writes blob {@code i}'s plaintext unless the file has stopped; a write failure stops it. */
    void put(int i, byte[] plain, int length) {
        if (stopped) {
            return;
        }
        try {
            write(i, plain, length);
        } catch (IOException | RuntimeException e) {
            stop(asIo(e));
        }
    }

    /** The target failed: write nothing more; the partial file is removed at the end. */
    void stop(IOException e) {
        stopped = true;
        fail(e);
    }

    /** A blob could not be read or opened: its range stays zero and the file stays partial. */
    void damaged(IOException e) {
        fail(e);
    }

    /** Whether the final name already holds exactly this content (then nothing needs writing). */
    private boolean alreadyRestored() throws IOException {
        if (item.dir().fresh()) {
            targetAbsent = true; // this restore created the directory: nothing can be in the way
            return false;
        }
        BasicFileAttributes a = attributes(item.path());
        if (a == null) {
            targetAbsent = true;
            return false;
        }
        if (a.isDirectory()) {
            throw new FileAlreadyExistsException(item.path().toString(), null,
                    "a directory is in the way of this file; move it away or restore into another target");
        }
        if (!a.isRegularFile() || a.size() != layout.size()) {
            return false;
        }
        try {
            return ContentCheck.firstMismatch(run.repo().codec(), item.path(), layout) == ContentCheck.MATCH;
        } catch (IOException e) {
            return false; // unreadable: rewrite it
        }
    }

    private void finishUnchanged() {
        try {
            Path stale = item.path().resolveSibling(item.partialName());
            BasicFileAttributes a = attributes(stale);
            if (a != null && !a.isDirectory()) {
                Files.delete(stale); // left by an earlier, failed restore of this file
            }
            Metadata.apply(item.path(), item.node(), false);
            run.tally().fileRestored(item.snapshotPath(), layout.size());
            run.completed(item);
        } catch (IOException e) {
            run.tally().error(item.snapshotPath(), e);
        } finally {
            run.fileDone(item);
        }
    }

    /**
     * Chooses where the content is written and removes what is in the way there; the file itself is created at the first
     * write ({@link #output()}), so files waiting in a batch for their blobs hold no file descriptor.
     */
    private void clearPath() throws IOException {
        // Nothing at the final name: write there directly (a rename per file costs more than writing a small file); a file
        // that fails is moved to its partial name in finish(), so it never looks complete.
        direct = targetAbsent;
        Path path = direct ? item.path() : item.path().resolveSibling(item.partialName());
        if (direct && !item.dir().fresh()) {
            Files.deleteIfExists(item.path().resolveSibling(item.partialName())); // left by an earlier failed restore
        }
        BasicFileAttributes a = direct ? null : attributes(path);
        if (a != null && !a.isDirectory()) {
            Files.delete(path); // a leftover of an interrupted restore, or a symlink we must not write through
        }
        target = path;
    }

    /**
     * The open file to write to: created exclusively on first use, with its final size when more than one write will fill
     * it (a file of one blob gets its size from that write, or from {@link #finish} if the blob is damaged).
     */
    private synchronized OutputFile output() throws IOException {
        if (out == null) {
            OutputFile o = OutputFile.create(target);
            partial = target;
            out = o;
            if (layout.count() > 1) {
                o.size(layout.size());
            }
        }
        return out;
    }

    /** Writes {@code plain[0, length)} at blob {@code i}'s offset. */
    private void write(int i, byte[] plain, int length) throws IOException {
        output().write(plain, length, layout.offsets()[i]);
    }

    private void fail(IOException e) {
        failure.compareAndSet(null, e);
    }

    /**
     * After the last unit of work: on failure keep the content under the partial name; else apply metadata and, unless the file
     * was written in place, move it into place.
     */
    private void finish() {
        try {
            if (!stopped) {
                created(); // an empty file, or one whose every blob failed, was not created by a write
            }
            IOException metadataFailure = null;
            boolean metadataApplied = false;
            if (failure.get() == null && out != null) {
                try {
                    metadataApplied = out.applyMetadata(item.node(), Metadata.asRoot());
                } catch (IOException e) {
                    metadataFailure = e;
                    metadataApplied = true;
                }
            }
            closeChannel();
            IOException f = failure.get();
            if (f != null) {
                if (stopped) {
                    deletePartial(); // the target failed: nothing worth salvaging
                } else if (direct) {
                    Files.move(partial, item.path().resolveSibling(item.partialName()), StandardCopyOption.ATOMIC_MOVE);
                }
                run.tally().error(item.snapshotPath(), f);
                return;
            }
            if (!metadataApplied) {
                metadataFailure = applyMetadata();
            }
            if (!direct) {
                Files.move(partial, item.path(), StandardCopyOption.ATOMIC_MOVE);
            }
            if (metadataFailure != null) {
                run.tally().error(item.snapshotPath(), metadataFailure);
                return;
            }
            run.tally().fileRestored(item.snapshotPath(), layout.size());
            run.completed(item);
        } catch (IOException e) {
            run.tally().error(item.snapshotPath(), e);
        } finally {
            run.fileDone(item);
        }
    }

    private void created() {
        try {
            output();
            if (failure.get() != null) {
                out.size(layout.size()); // damaged ranges, the last one included, read as zeros
            }
        } catch (IOException | RuntimeException e) {
            stop(asIo(e));
        }
    }

    private IOException applyMetadata() {
        try {
            Metadata.apply(partial, item.node(), false);
            return null;
        } catch (IOException e) {
            return e;
        }
    }

    private synchronized void closeChannel() {
        OutputFile o = out;
        if (o == null) {
            return;
        }
        out = null;
        if (stopped) {
            o.closeQuietly();
            return;
        }
        try {
            o.close();
        } catch (IOException e) {
            fail(e);
        }
    }

    /** Deletes the partial file if this restore created it. */
    private void deletePartial() {
        if (partial != null) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                // the error already reported names the file; a leftover partial file is harmless
            }
        }
    }

    /** Attributes of {@code path} itself (a symlink is not followed), or null if nothing is there. */
    static BasicFileAttributes attributes(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    static IOException asIo(Exception e) {
        return e instanceof IOException io ? io : new IOException("unexpected failure: " + e, e);
    }
}
