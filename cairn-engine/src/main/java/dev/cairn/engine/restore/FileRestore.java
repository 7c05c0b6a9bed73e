package dev.cairn.engine.restore;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.engine.index.BlobLocation;
import dev.cairn.engine.repo.CorruptDataException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Restores one regular file. {@link #start} lays the file out from the index; if the target already holds a file with exactly
 * that content, only its metadata is applied. Otherwise the content is written into the sibling partial file (created with
 * its final size, owner-only permissions) by one or more segment tasks, each fetching runs of back-to-back blobs with one
 * ranged read and writing each plaintext at its offset. The last segment to finish applies the metadata and renames the
 * partial file over the final name.
 *
 * <p>A damaged or missing blob does not stop the other blobs: the file stays under its partial name, the damaged ranges
 * holding zeros, and one error is reported. A failure of the target file system stops the file at once and removes the
 * partial file. A file whose blobs the index does not know cannot be laid out and is not started.
 */
final class FileRestore {
    /**
     * Largest single write: the JDK copies a heap buffer through a per-thread direct buffer as large as the write and keeps
     * it, so writing whole 4 MiB chunks would pin that much native memory per worker.
     */
    private static final int WRITE_SLICE = 256 << 10;
    private static final Set<StandardOpenOption> CREATE = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    private final RestoreRun run;
    private final Item item;
    private final AtomicInteger pendingSegments = new AtomicInteger();
    private final AtomicReference<IOException> failure = new AtomicReference<>();
    private volatile boolean stopped;
    private Layout layout;
    private Path partial;
    private boolean direct;
    private boolean targetAbsent;
    private FileChannel channel;

    FileRestore(RestoreRun run, Item item) {
        this.run = run;
        this.item = item;
    }

    /** Runs on a worker; ends the file (now or via its last segment) with exactly one {@link RestoreRun#fileDone(Item)}. */
    void start() {
        List<long[]> segments;
        try {
            layout = Layout.of(run.repo(), item.snapshotPath(), item.node());
            for (dev.cairn.engine.id.BlobId id : layout.ids()) {
                run.cache().sighted(id);
            }
            segments = alreadyRestored() ? null : openPartial();
        } catch (IOException | RuntimeException e) {
            closeChannel();
            deletePartial();
            run.tally().error(item.snapshotPath(), asIo(e));
            run.fileDone(item);
            return;
        }
        if (segments == null) {
            finishUnchanged();
            return;
        }
        pendingSegments.set(segments.size());
        for (long[] s : segments.subList(1, segments.size())) {
            run.execute(() -> segment((int) s[0], (int) s[1]));
        }
        segment((int) segments.get(0)[0], (int) segments.get(0)[1]);
    }

    /** Whether the final name already holds exactly this content (then nothing needs writing). */
    private boolean alreadyRestored() throws IOException {
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

    /** Creates the partial file with its final size; returns the segments to write into it. */
    private List<long[]> openPartial() throws IOException {
        // Nothing at the final name: write there directly (a rename per file costs more than writing a small file); a file
        // that fails is moved to its partial name in finish(), so it never looks complete.
        direct = targetAbsent;
        Path path = direct ? item.path() : item.path().resolveSibling(item.partialName());
        if (direct) {
            Files.deleteIfExists(item.path().resolveSibling(item.partialName())); // left by an earlier failed restore
        }
        BasicFileAttributes a = direct ? null : attributes(path);
        if (a != null && !a.isDirectory()) {
            Files.delete(path); // a leftover of an interrupted restore, or a symlink we must not write through
        }
        channel = FileChannel.open(path, CREATE, Metadata.privateAttributes(false));
        partial = path;
        if (layout.size() > 0) {
            channel.write(ByteBuffer.allocate(1), layout.size() - 1);
        }
        return segments();
    }

    /** Blob index ranges {@code [from, to)} of about {@link Tuning#segmentBytes} each; at least one, maybe empty. */
    private List<long[]> segments() {
        List<long[]> out = new ArrayList<>();
        int from = 0;
        long bytes = 0;
        for (int i = 0; i < layout.count(); i++) {
            bytes += layout.locations()[i].rawLength();
            if (bytes >= run.tuning().segmentBytes() && i + 1 < layout.count()) {
                out.add(new long[] {from, i + 1});
                from = i + 1;
                bytes = 0;
            }
        }
        out.add(new long[] {from, layout.count()});
        return out;
    }

    private void segment(int from, int to) {
        try {
            int i = from;
            while (i < to && !stopped) {
                byte[] cached = run.cache().get(layout.ids()[i]);
                if (cached != null) {
                    write(i, cached, cached.length);
                    i++;
                } else {
                    int end = runEnd(i, to);
                    fetch(i, end);
                    i = end;
                }
            }
        } catch (IOException | RuntimeException e) {
            stopped = true;
            fail(asIo(e));
        } finally {
            if (pendingSegments.decrementAndGet() == 0) {
                finish();
            }
        }
    }

    /** End of the run starting at {@code start}: blobs back to back in one pack, not cached, within the run size limit. */
    private int runEnd(int start, int to) {
        BlobLocation[] locs = layout.locations();
        long bytes = locs[start].length();
        int end = start + 1;
        while (end < to && adjacent(locs[end - 1], locs[end]) && bytes + locs[end].length() <= run.tuning().maxRunBytes()
                && !run.cache().contains(layout.ids()[end])) {
            bytes += locs[end].length();
            end++;
        }
        return end;
    }

    private static boolean adjacent(BlobLocation a, BlobLocation b) {
        return a.pack().equals(b.pack()) && a.offset() + a.length() == b.offset();
    }

    /** Reads blobs {@code [start, end)} with one ranged read and writes each; a damaged blob is recorded and skipped. */
    private void fetch(int start, int end) throws IOException {
        BlobLocation first = layout.locations()[start];
        BlobLocation last = layout.locations()[end - 1];
        int runLength = (int) (last.offset() + last.length() - first.offset());
        FetchBuffers buffers = run.buffers();
        byte[] sealed = buffers.run(runLength);
        try {
            run.repo().readPack(first.pack(), first.offset(), sealed, 0, runLength);
        } catch (IOException e) {
            fail(e);
            return;
        }
        for (int i = start; i < end; i++) {
            BlobLocation loc = layout.locations()[i];
            try {
                run.repo().openBlobTo(loc, layout.ids()[i], sealed, (int) (loc.offset() - first.offset()), buffers.open());
            } catch (CorruptDataException e) {
                fail(e);
                continue;
            }
            byte[] plain = buffers.open().plain();
            run.cache().offer(layout.ids()[i], plain, loc.rawLength());
            write(i, plain, loc.rawLength());
        }
    }

    /** Writes {@code plain[0, length)} at blob {@code i}'s offset, in slices (see {@link #WRITE_SLICE}). */
    private void write(int i, byte[] plain, int length) throws IOException {
        long pos = layout.offsets()[i];
        int done = 0;
        while (done < length) {
            ByteBuffer slice = ByteBuffer.wrap(plain, done, Math.min(WRITE_SLICE, length - done));
            while (slice.hasRemaining()) {
                int n = channel.write(slice, pos + done);
                done += n;
            }
        }
    }

    private void fail(IOException e) {
        failure.compareAndSet(null, e);
    }

    /**
     * After the last segment: on failure keep the content under the partial name; else apply metadata and, unless the file
     * was written in place, move it into place.
     */
    private void finish() {
        try {
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
            IOException metadataFailure = applyMetadata();
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

    private IOException applyMetadata() {
        try {
            Metadata.apply(partial, item.node(), false);
            return null;
        } catch (IOException e) {
            return e;
        }
    }

    private void closeChannel() {
        FileChannel ch = channel;
        if (ch == null) {
            return;
        }
        try {
            ch.close();
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
