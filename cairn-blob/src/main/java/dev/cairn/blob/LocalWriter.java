package dev.cairn.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The put path of {@link LocalBlobStore}: write a temp file in {@code tmp/}, fsync it, publish it with a hard link
 * (which fails if the name exists, so an object is never overwritten and racing puts have exactly one winner), remove the
 * temp file and fsync the directory. On any failure the temp file is removed and nothing is visible.
 *
 * <p>While a put runs, its process holds an exclusive OS lock on the temp file; the operating system drops the lock when
 * the process dies, even by {@code kill -9}. {@link #deleteAbandonedTemps} therefore removes exactly the temp files no
 * live process is writing, however fresh they are, and leaves the puts of other processes alone.
 *
 * <p>Thread-safe: the only state besides the layout is the JVM-wide set of temp files being written.
 */
final class LocalWriter {
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final boolean WINDOWS = System.getProperty("os.name", "").startsWith("Windows");
    /**
     * Temp files this JVM is writing. POSIX drops all of a process's locks on a file when any of its channels to that
     * file closes, so the sweep must not even open these.
     */
    private static final java.util.Set<Path> WRITING = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** A temp file this young and still empty may be between its creation and its lock; the sweep leaves it. */
    private static final java.time.Duration CREATION_GRACE = java.time.Duration.ofSeconds(10);

    private final LocalLayout layout;

    LocalWriter(LocalLayout layout) {
        this.layout = layout;
    }

    void put(BlobName name, InputStream content, long length) throws IOException {
        Path target = layout.path(name);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new BlobAlreadyExistsException(name);
        }
        try (StagedBlob staged = stage(name.kind(), name.toString())) {
            writeTemp(name, staged.channel(), content, length);
            staged.publish(name, length);
        }
    }

    /**
     * Creates, opens and locks a temp file for an object of {@code kind}; {@code subject} names it in errors ("data/ab12…",
     * "a new pack").
     */
    StagedBlob stage(BlobKind kind, String subject) throws IOException {
        Path temp = createTemp(kind, subject);
        WRITING.add(temp);
        FileChannel channel;
        try {
            channel = FileChannel.open(temp, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            WRITING.remove(temp);
            deleteAfterFailure(temp, e);
            throw LocalErrors.forWrite(layout.root(), subject, layout.tmpDir(), e);
        }
        lock(channel);
        return new StagedBlob(this, kind, temp, channel);
    }

    /** Step 1 of publishing a staged object: fsync, then the hard link that makes it visible (nothing stored on failure). */
    void linkStaged(BlobName name, Path temp, FileChannel channel) throws IOException {
        force(name, channel);
        publish(name, temp, layout.path(name));
    }

    /** Step 2, once linked: the temp name goes and the new entry is made durable. */
    void afterLink(BlobName name, Path temp) throws IOException {
        deleteAfterSuccess(temp);
        try {
            syncDirectory(layout.path(name).getParent());
        } catch (IOException e) {
            throw new IOException(name + " was stored, but syncing its directory failed, so it may be lost if the "
                    + "machine crashes now: " + e.getMessage(), e);
        }
    }

    /** Closes a staged object's temp file, deleting it first (while still locked) unless it was published. */
    void release(Path temp, FileChannel channel, boolean published) throws IOException {
        try (channel) {
            if (!published) {
                Files.deleteIfExists(temp);
            }
        } finally {
            WRITING.remove(temp);
        }
    }

    /**
     * Removes the temp files of puts that no live process is writing (they were killed or crashed); best effort, returns
     * how many went. Where the file system has no locks, only temp files last modified more than {@code staleAge}
     * before {@code now} go.
     */
    int deleteAbandonedTemps(Instant now, java.time.Duration staleAge) {
        int deleted = 0;
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(layout.tmpDir())) {
            for (Path temp : temps) {
                if (!WRITING.contains(temp) && deleteIfAbandoned(temp, now, staleAge)) {
                    deleted++;
                }
            }
        } catch (IOException e) {
            // Best effort: a read-only or half-readable store still opens; the next writable open cleans up.
        }
        return deleted;
    }

    private static boolean deleteIfAbandoned(Path temp, Instant now, java.time.Duration staleAge) throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            java.nio.channels.FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                return false; // this JVM holds it
            } catch (IOException e) {
                return olderThan(temp, now.minus(staleAge)) && Files.deleteIfExists(temp); // no locks here
            }
            if (lock == null || channel.size() == 0 && !olderThan(temp, now.minus(CREATION_GRACE))) {
                return false; // a live put holds it, or may be about to
            }
            return Files.deleteIfExists(temp); // deleted while holding the lock; released when the channel closes
        } catch (java.nio.file.NoSuchFileException | java.nio.file.AccessDeniedException e) {
            return false;
        }
    }

    private static boolean olderThan(Path file, Instant cutoff) throws IOException {
        return Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(cutoff);
    }

    /** Creates {@code dir} (and missing parents below the root), then syncs its parent so the entry is durable. */
    void ensureDirectory(BlobName name, Path dir) throws IOException {
        ensureDirectory(name.toString(), dir);
    }

    private void ensureDirectory(String subject, Path dir) throws IOException {
        if (!Files.isDirectory(layout.root())) {
            throw LocalErrors.missingRoot(layout.root());
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw LocalErrors.forWrite(layout.root(), subject, dir, e);
        }
        try {
            syncDirectory(dir.getParent());
        } catch (IOException e) {
            throw LocalErrors.forWrite(layout.root(), subject, dir.getParent(), e);
        }
    }

    private Path createTemp(BlobKind kind, String subject) throws IOException {
        try {
            return tryCreateTemp(kind, subject);
        } catch (NoSuchFileException e) {
            ensureDirectory(subject, layout.tmpDir());
            return tryCreateTemp(kind, subject);
        }
    }

    private Path tryCreateTemp(BlobKind kind, String subject) throws IOException {
        try {
            return Files.createTempFile(layout.tmpDir(), kind.dirName() + "-", ".tmp");
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            throw LocalErrors.forWrite(layout.root(), subject, layout.tmpDir(), e);
        }
    }

    private void writeTemp(BlobName name, FileChannel channel, InputStream content, long length) throws IOException {
        if (content instanceof FileRegionContent region) {
            copyRegion(name, channel, region, length);
        } else {
            copyStream(name, channel, content, length);
        }
    }

    /** File to file inside the kernel: no heap buffer, no copy through user space (a backup's packs, ADR 59). */
    private void copyRegion(BlobName name, FileChannel channel, FileRegionContent region, long length) throws IOException {
        try {
            region.copyTo(channel, length);
        } catch (java.io.EOFException e) {
            throw Ranges.shortContent(name, channel.position(), length);
        } catch (IOException e) {
            throw LocalErrors.forWrite(layout.root(), name, layout.tmpDir(), e);
        }
    }

    private void copyStream(BlobName name, FileChannel channel, InputStream content, long length) throws IOException {
        byte[] buffer = new byte[(int) Math.min(BUFFER_SIZE, Math.max(length, 1))];
        long written = 0;
        while (written < length) {
            int n = content.read(buffer, 0, (int) Math.min(buffer.length, length - written));
            if (n < 0) {
                throw Ranges.shortContent(name, written, length);
            }
            writeFully(name, channel, ByteBuffer.wrap(buffer, 0, n));
            written += n;
        }
    }

    /**
     * Marks the temp file as in use for other processes' sweeps (released when the channel closes or the process dies).
     * Where the file system has no locks (some network file systems), the put goes on unmarked: sweeps there fall back
     * to the age of the file.
     */
    private static void lock(FileChannel channel) {
        for (int attempt = 1; ; attempt++) {
            try {
                channel.lock();
                return;
            } catch (java.nio.channels.OverlappingFileLockException e) {
                // A sweep in this JVM (another store instance opening) is looking at our new, empty temp file: it
                // leaves a young empty file alone and lets go at once. After that many tries, go on unmarked.
                if (attempt == 1_000) {
                    return;
                }
                Thread.onSpinWait();
                Thread.yield();
            } catch (IOException e) {
                return; // no locks here: see the comment
            }
        }
    }

    private void writeFully(BlobName name, FileChannel channel, ByteBuffer bytes) throws IOException {
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            throw LocalErrors.forWrite(layout.root(), name, layout.tmpDir(), e);
        }
    }

    private void force(BlobName name, FileChannel channel) throws IOException {
        try {
            channel.force(true);
        } catch (IOException e) {
            throw LocalErrors.forWrite(layout.root(), name, layout.tmpDir(), e);
        }
    }

    private void publish(BlobName name, Path temp, Path target) throws IOException {
        try {
            link(name, temp, target);
        } catch (NoSuchFileException e) {
            ensureDirectory(name, target.getParent());
            link(name, temp, target);
        }
    }

    private void link(BlobName name, Path temp, Path target) throws IOException {
        try {
            Files.createLink(target, temp);
        } catch (FileAlreadyExistsException e) {
            throw new BlobAlreadyExistsException(name, e);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (UnsupportedOperationException e) {
            throw new IOException("storing " + name + " failed, nothing was stored: the file system holding "
                    + layout.root() + " does not support hard links, which the local store needs", e);
        } catch (IOException e) {
            throw LocalErrors.forLink(layout.root(), name, target, e);
        }
    }

    /** Makes the entries of {@code dir} durable (POSIX needs an fsync of the directory after a link or create). */
    static void syncDirectory(Path dir) throws IOException {
        if (WINDOWS) {
            return; // directories cannot be opened for fsync there; NTFS journals the entry
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static void deleteAfterFailure(Path temp, Throwable failure) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private static void deleteAfterSuccess(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // The object is published; a leftover temp file is harmless and removed as stale on a later open.
        }
    }
}
