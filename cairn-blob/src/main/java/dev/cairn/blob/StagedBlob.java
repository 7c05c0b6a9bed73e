package dev.cairn.blob;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * An object being written in a {@link LocalBlobStore}'s {@code tmp/} before its name is known (a pack is named by the
 * hash of its bytes), then published under that name in place: the bytes are written once, not copied into the store
 * afterwards (ADR 71). It is the temp file of a put ({@link LocalBlobStore#put}), with the same guarantees: while open
 * the process holds its OS lock (a crash leaves it to the next open's sweep), publishing fsyncs it before the hard link
 * that makes it visible, and an existing name is never overwritten.
 *
 * <p>Write the bytes through {@link #channel()} (also readable, e.g. to upload a copy elsewhere), then
 * {@link #publish}. Always {@link #close()} it: an object not published is deleted then. Not thread-safe.
 */
public final class StagedBlob implements Closeable {
    private final LocalWriter writer;
    private final BlobKind kind;
    private final Path temp;
    private final FileChannel channel;
    private boolean published;
    private boolean closed;

    StagedBlob(LocalWriter writer, BlobKind kind, Path temp, FileChannel channel) {
        this.writer = writer;
        this.kind = kind;
        this.temp = temp;
        this.channel = channel;
    }

    /**
     * The temp file, open for reading and writing. Owned by this object: do not close it (POSIX would drop the lock that
     * keeps other processes' sweeps away from it).
     */
    public FileChannel channel() {
        return channel;
    }

    /**
     * Makes the bytes written so far durable and visible as {@code name}; after this, {@link #close()} keeps them.
     *
     * @param length the object's length, checked against the file's (a mismatch stores nothing)
     * @throws BlobAlreadyExistsException if {@code name} exists (the store is unchanged; close this to discard it)
     * @throws IOException                saying that nothing was stored if a step before the link fails (full disk,
     *                                    permissions), or that the object was stored but may not survive a crash if only
     *                                    syncing its directory failed
     * @throws IllegalArgumentException   if {@code name} is of another kind than this object was staged for
     * @throws IllegalStateException      if already published or closed
     */
    public void publish(BlobName name, long length) throws IOException {
        if (name.kind() != kind) {
            throw new IllegalArgumentException("staged for " + kind + ", published as " + name);
        }
        if (published || closed) {
            throw new IllegalStateException("already " + (published ? "published" : "closed"));
        }
        long size = channel.size();
        if (size != length) {
            throw new IOException("storing " + name + " failed, nothing was stored: " + size + " bytes were written, "
                    + length + " expected");
        }
        writer.linkStaged(name, temp, channel);
        published = true;
        writer.afterLink(name, temp);
    }

    /** Deletes the object unless it was published, and releases the temp file. Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        writer.release(temp, channel, published);
    }
}
