package dev.cairn.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;

/**
 * A {@link BlobStore} in a local directory (or any mounted file system with POSIX semantics and hard links).
 *
 * <p>Layout: {@code <root>/config}, {@code <root>/data/<first two hex digits of id>/<id>} for packs,
 * {@code <root>/<kind dir>/<id>} for the other kinds, and {@code <root>/tmp/} for puts in progress.
 *
 * <p>A put (or a {@link #stage staged} object) writes a temp file, fsyncs it, and publishes it with a hard link, which
 * fails if the name exists: objects are never overwritten, concurrent puts of one name (even from several processes)
 * have exactly one winner, and a crash leaves at most a temp file, never a partial object. A put holds an OS lock on
 * its temp file, which dies with its process: temp files that no live process holds are removed when the store is
 * opened (and by {@link #removeAbandonedTemps}), however recent. On file systems without locks, temp files older than
 * {@link #STALE_TEMP_AGE} are removed instead.
 *
 * <p>Thread-safe and safe to share between processes. Failures are plain {@link IOException}s and never transient:
 * permission problems are {@link java.nio.file.AccessDeniedException}s and a missing root a {@link NoSuchFileException},
 * with messages that say what to fix; a full disk is an {@code IOException} saying so. {@link #close()} does nothing.
 */
public final class LocalBlobStore implements BlobStore {
    /** Where the file system has no locks: temp files older than this are left over from dead puts. */
    public static final Duration STALE_TEMP_AGE = Duration.ofHours(1);

    private final LocalLayout layout;
    private final LocalWriter writer;
    private final ReadChannelCache readChannels = new ReadChannelCache(64);

    private LocalBlobStore(Path root) {
        this.layout = new LocalLayout(root);
        this.writer = new LocalWriter(layout);
    }

    /**
     * Creates the layout under {@code root} (creating {@code root} too if needed) and opens it. Creating over an existing
     * store is harmless: existing objects are kept and missing directories are added.
     *
     * @throws java.nio.file.AccessDeniedException if the directories cannot be created, saying what access is needed
     */
    public static LocalBlobStore create(Path root) throws IOException {
        LocalLayout layout = new LocalLayout(root.toAbsolutePath().normalize());
        try {
            for (Path dir : layout.directories()) {
                Files.createDirectories(dir);
            }
            LocalWriter.syncDirectory(layout.root().resolve(BlobKind.PACK.dirName()));
            LocalWriter.syncDirectory(layout.root());
            if (layout.root().getParent() != null) {
                LocalWriter.syncDirectory(layout.root().getParent());
            }
        } catch (IOException e) {
            throw LocalErrors.forAccess(layout.root(), layout.root(), "create a blob store in " + layout.root(), e);
        }
        return open(root);
    }

    /** Opens an existing store, removing stale temp files with the system clock; see {@link #open(Path, InstantSource)}. */
    public static LocalBlobStore open(Path root) throws IOException {
        return open(root, InstantSource.system());
    }

    /**
     * Opens an existing store. Nothing is created, so a store on read-only media can be opened (and used for reads).
     * Temp files of puts no live process is writing are removed, best effort (see the class comment; {@code clock}
     * dates {@link #STALE_TEMP_AGE} where there are no locks).
     *
     * @throws NoSuchFileException if {@code root} does not exist or has no {@code data} directory
     */
    public static LocalBlobStore open(Path root, InstantSource clock) throws IOException {
        Path absolute = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            throw LocalErrors.missingRoot(absolute);
        }
        if (!Files.isDirectory(absolute.resolve(BlobKind.PACK.dirName()))) {
            throw LocalErrors.notAStore(absolute);
        }
        LocalBlobStore store = new LocalBlobStore(absolute);
        store.writer.deleteAbandonedTemps(clock.instant(), STALE_TEMP_AGE);
        return store;
    }

    /**
     * Removes the temp files of puts that no live process is writing from the store at {@code root} (for a server
     * starting after a crash, without opening the store); returns how many went. Best effort: a missing or unreadable
     * store removes nothing. {@code clock} dates {@link #STALE_TEMP_AGE} where there are no locks.
     */
    public static int removeAbandonedTemps(Path root, InstantSource clock) {
        return new LocalWriter(new LocalLayout(root.toAbsolutePath().normalize()))
                .deleteAbandonedTemps(clock.instant(), STALE_TEMP_AGE);
    }

    /** The absolute root directory of this store. */
    public Path root() {
        return layout.root();
    }

    @Override
    public void put(BlobName name, InputStream content, long length) throws IOException {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
        Ranges.checkLength(length);
        writer.put(name, content, length);
    }

    /**
     * Starts an object of {@code kind} whose name is known only once its bytes are written (a pack): write them through
     * the returned object's channel, then publish it under its name; no copy is made (ADR 71). Same guarantees as
     * {@link #put}. The caller closes it.
     *
     * @throws IOException saying what to fix if the temp file cannot be created (permissions, full disk, missing root)
     */
    public StagedBlob stage(BlobKind kind) throws IOException {
        Objects.requireNonNull(kind, "kind");
        return writer.stage(kind, "a new " + (kind == BlobKind.PACK ? "pack" : kind.dirName() + " object"));
    }

    @Override
    public InputStream get(BlobName name) throws IOException {
        Path path = layout.path(name);
        try {
            return Files.newInputStream(path);
        } catch (IOException e) {
            throw readFailure(name, path, e);
        }
    }

    @Override
    public InputStream get(BlobName name, long offset, long length) throws IOException {
        Ranges.checkRange(offset, length);
        Path path = layout.path(name);
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (IOException e) {
            throw readFailure(name, path, e);
        }
        try {
            Ranges.checkWithin(name, offset, length, channel.size());
            channel.position(offset);
            return new RangeInputStream(Channels.newInputStream(channel), length);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Ranged reads of whole byte arrays go through a cache of open channels (restore and check read many small ranges). */
    @Override
    public void readRange(BlobName name, long offset, byte[] dst, int dstOffset, int length) throws IOException {
        Ranges.checkRange(offset, length);
        java.util.Objects.checkFromIndexSize(dstOffset, length, dst.length);
        Path path = layout.path(name);
        try {
            readChannels.readInto(path, offset, dst, dstOffset, length);
        } catch (java.io.EOFException e) {
            throw e;
        } catch (IOException e) {
            throw readFailure(name, path, e);
        }
    }

    @Override
    public void close() {
        readChannels.close();
    }

    @Override
    public BlobInfo stat(BlobName name) throws IOException {
        Path path = layout.path(name);
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
            throw readFailure(name, path, e);
        }
        if (!attrs.isRegularFile()) {
            throw new BlobNotFoundException(name); // list skips it too; a directory here is not an object
        }
        return new BlobInfo(name, attrs.size(), attrs.lastModifiedTime().toInstant());
    }

    @Override
    public List<BlobInfo> list(BlobKind kind) throws IOException {
        Objects.requireNonNull(kind, "kind");
        requireRoot();
        try {
            return layout.list(kind);
        } catch (IOException e) {
            throw LocalErrors.forAccess(layout.root(), layout.root(), "list " + kind.dirName(), e);
        }
    }

    @Override
    public void delete(BlobName name) throws IOException {
        Path path = layout.path(name);
        readChannels.evict(path);
        try {
            Files.delete(path);
        } catch (NoSuchFileException e) {
            throw notFound(name, e);
        } catch (IOException e) {
            throw LocalErrors.forAccess(layout.root(), path, "delete " + name, e);
        }
    }

    @Override
    public String toString() {
        return "LocalBlobStore(" + layout.root() + ")";
    }

    private IOException readFailure(BlobName name, Path path, IOException e) throws IOException {
        if (e instanceof NoSuchFileException missing) {
            return notFound(name, missing);
        }
        return LocalErrors.forAccess(layout.root(), path, "read " + name, e);
    }

    /** A missing object, unless the whole root is gone: then say so instead of claiming the object was never there. */
    private IOException notFound(BlobName name, NoSuchFileException e) throws IOException {
        requireRoot();
        return new BlobNotFoundException(name, e);
    }

    private void requireRoot() throws NoSuchFileException {
        if (!Files.isDirectory(layout.root())) {
            throw LocalErrors.missingRoot(layout.root());
        }
    }
}
