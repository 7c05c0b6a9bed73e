package dev.cairn.blob;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * A dumb store of immutable named objects. It knows nothing about packs, encryption or repositories; features such as
 * retries, throttling, metering, read-only access and tenant prefixes are decorators around it.
 *
 * <p>Contract, checked for every implementation by {@code BlobStoreContract} in cairn-testkit:
 * <ul>
 *   <li>{@link #put} is atomic: a reader sees the whole object or no object, never a partial one, even if the writer
 *       crashes. A put of an existing name fails with {@link BlobAlreadyExistsException} and leaves the old object intact.
 *       When several puts of one name race, exactly one wins.</li>
 *   <li>Objects never change after a successful put; they can only be deleted (and then put again).</li>
 *   <li>Implementations are thread-safe.</li>
 *   <li>Failures are {@link IOException}s; {@link TransientBlobStoreException} marks the only ones a retry may fix.
 *       Argument errors (a negative length or range) are {@link IllegalArgumentException}s.</li>
 *   <li>Streams returned by {@code get} belong to the caller, who must close them. A failure while reading such a stream
 *       is not retried by the store.</li>
 * </ul>
 * Decorators wrap a store and forward to it, usually via {@link ForwardingBlobStore}. A decorator that must re-send the
 * content of a put ({@link RetryingBlobStore}) needs re-readable content, so decorators forward
 * {@link #put(BlobName, byte[])} as such, or pass on a stream that supports {@link InputStream#mark mark/reset}.
 */
public interface BlobStore extends AutoCloseable {

    /**
     * Stores exactly {@code length} bytes read from {@code content} under {@code name}. The stream is read up to
     * {@code length} bytes and not closed (the caller owns it).
     *
     * @throws IllegalArgumentException if {@code length} is negative
     * @throws BlobAlreadyExistsException if the name exists (the existing object is unchanged)
     * @throws IOException if the stream ends early, or on a storage failure; nothing is visible under {@code name} then
     */
    void put(BlobName name, InputStream content, long length) throws IOException;

    /**
     * Stores {@code content} (the array is not kept or changed). Unlike the streaming form, this content can be re-read,
     * so {@link RetryingBlobStore} retries it; prefer it for objects that are in memory anyway (packs, index, snapshots).
     *
     * @throws BlobAlreadyExistsException if the name exists (the existing object is unchanged)
     */
    default void put(BlobName name, byte[] content) throws IOException {
        put(name, new java.io.ByteArrayInputStream(content), content.length);
    }

    /**
     * Opens the whole object for reading. The caller closes the stream.
     *
     * @throws BlobNotFoundException if there is no such object
     */
    InputStream get(BlobName name) throws IOException;

    /**
     * Opens {@code length} bytes of the object starting at {@code offset}.
     *
     * @throws BlobNotFoundException if there is no such object
     * @throws IllegalArgumentException if the range is negative
     * @throws java.io.EOFException if the range ends past the end of the object (a zero-length range at the very end is
     *         fine); stores throw it when opening or, if they cannot know the size up front, when the stream is read
     */
    InputStream get(BlobName name, long offset, long length) throws IOException;

    /** Reads a whole object into memory; for small objects (config, keys, index, snapshots). */
    default byte[] getAll(BlobName name) throws IOException {
        try (InputStream in = get(name)) {
            return in.readAllBytes();
        }
    }

    /** Reads a byte range into a new array through {@link #readRange}; {@link java.io.EOFException} if the object is shorter. */
    default byte[] getRange(BlobName name, long offset, int length) throws IOException {
        Ranges.checkRange(offset, length);
        byte[] bytes = new byte[length];
        readRange(name, offset, bytes, 0, length);
        return bytes;
    }

    /**
     * Reads exactly {@code length} bytes at {@code offset} into {@code dst[dstOffset, dstOffset + length)}, for callers that
     * reuse their buffers (restore, check). The default reads through {@link #get(BlobName, long, long)}.
     *
     * @throws BlobNotFoundException if there is no such object
     * @throws java.io.EOFException if the object is shorter; {@code dst} then holds unspecified bytes in that range
     * @throws IndexOutOfBoundsException if the range does not fit in {@code dst}
     */
    default void readRange(BlobName name, long offset, byte[] dst, int dstOffset, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(dstOffset, length, dst.length);
        try (InputStream in = get(name, offset, length)) {
            int n = in.readNBytes(dst, dstOffset, length);
            if (n != length) {
                throw new java.io.EOFException(name + ": wanted " + length + " bytes at " + offset + ", got " + n);
            }
        }
    }

    /**
     * Returns the size of an object.
     *
     * @throws BlobNotFoundException if there is no such object
     */
    BlobInfo stat(BlobName name) throws IOException;

    /** Whether the object exists; one {@link #stat} request. */
    default boolean exists(BlobName name) throws IOException {
        try {
            stat(name);
            return true;
        } catch (BlobNotFoundException e) {
            return false;
        }
    }

    /**
     * Lists every object of one kind, in no particular order. Objects put or deleted concurrently may or may not appear.
     * Only objects whose ids are valid {@link BlobName}s are listed; stores skip anything else they find.
     */
    List<BlobInfo> list(BlobKind kind) throws IOException;

    /**
     * Deletes an object.
     *
     * @throws BlobNotFoundException if there is no such object
     */
    void delete(BlobName name) throws IOException;

    /** Releases resources; the default does nothing. Decorators close the store they wrap. */
    @Override
    default void close() throws IOException {
    }
}
