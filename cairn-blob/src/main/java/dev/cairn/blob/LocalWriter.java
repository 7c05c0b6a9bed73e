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
 * <p>Stateless apart from the layout, so thread-safe.
 */
final class LocalWriter {
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final boolean WINDOWS = System.getProperty("os.name", "").startsWith("Windows");

    private final LocalLayout layout;

    LocalWriter(LocalLayout layout) {
        this.layout = layout;
    }

    void put(BlobName name, InputStream content, long length) throws IOException {
        Path target = layout.path(name);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new BlobAlreadyExistsException(name);
        }
        Path temp = createTemp(name);
        try {
            writeTemp(name, temp, content, length);
            publish(name, temp, target);
        } catch (IOException | RuntimeException | Error e) {
            deleteAfterFailure(temp, e);
            throw e;
        }
        deleteAfterSuccess(temp);
        try {
            syncDirectory(target.getParent());
        } catch (IOException e) {
            throw new IOException(name + " was stored, but syncing its directory failed, so it may be lost if the "
                    + "machine crashes now: " + e.getMessage(), e);
        }
    }

    /** Removes temp files last modified before {@code cutoff}; best effort, returns how many went. */
    int deleteStaleTemps(Instant cutoff) {
        int deleted = 0;
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(layout.tmpDir())) {
            for (Path temp : temps) {
                if (Files.getLastModifiedTime(temp, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(cutoff)
                        && Files.deleteIfExists(temp)) {
                    deleted++;
                }
            }
        } catch (IOException e) {
            // Best effort: a read-only or half-readable store still opens; the next writable open cleans up.
        }
        return deleted;
    }

    /** Creates {@code dir} (and missing parents below the root), then syncs its parent so the entry is durable. */
    void ensureDirectory(BlobName name, Path dir) throws IOException {
        if (!Files.isDirectory(layout.root())) {
            throw LocalErrors.missingRoot(layout.root());
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw LocalErrors.forWrite(layout.root(), name, dir, e);
        }
        try {
            syncDirectory(dir.getParent());
        } catch (IOException e) {
            throw LocalErrors.forWrite(layout.root(), name, dir.getParent(), e);
        }
    }

    private Path createTemp(BlobName name) throws IOException {
        try {
            return tryCreateTemp(name);
        } catch (NoSuchFileException e) {
            ensureDirectory(name, layout.tmpDir());
            return tryCreateTemp(name);
        }
    }

    private Path tryCreateTemp(BlobName name) throws IOException {
        try {
            return Files.createTempFile(layout.tmpDir(), name.kind().dirName() + "-", ".tmp");
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            throw LocalErrors.forWrite(layout.root(), name, layout.tmpDir(), e);
        }
    }

    private void writeTemp(BlobName name, Path temp, InputStream content, long length) throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
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
            force(name, channel);
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
