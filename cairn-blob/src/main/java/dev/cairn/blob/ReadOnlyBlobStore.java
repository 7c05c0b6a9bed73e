package dev.cairn.blob;

import java.io.IOException;
import java.io.InputStream;

/**
 * A view of a store that refuses every change: puts and deletes throw {@link ReadOnlyBlobStoreException} without reaching
 * the wrapped store; reads, stats and lists are forwarded. For restore, check and server read-only access.
 *
 * <p>Thread-safe if the wrapped store is. Closing the view closes the wrapped store.
 */
public final class ReadOnlyBlobStore extends ForwardingBlobStore {

    private ReadOnlyBlobStore(BlobStore delegate) {
        super(delegate);
    }

    /** A read-only view of {@code store}. */
    public static ReadOnlyBlobStore wrap(BlobStore store) {
        return new ReadOnlyBlobStore(store);
    }

    /** Forwarded, so that the wrapped store's own (faster) ranged read is used. */
    @Override
    public void readRange(BlobName name, long offset, byte[] dst, int dstOffset, int length) throws IOException {
        delegate().readRange(name, offset, dst, dstOffset, length);
    }

    /** @throws ReadOnlyBlobStoreException always; the stream is not read */
    @Override
    public void put(BlobName name, InputStream content, long length) throws IOException {
        throw new ReadOnlyBlobStoreException(BlobOp.PUT, name);
    }

    /** @throws ReadOnlyBlobStoreException always */
    @Override
    public void put(BlobName name, byte[] content) throws IOException {
        throw new ReadOnlyBlobStoreException(BlobOp.PUT, name);
    }

    /** @throws ReadOnlyBlobStoreException always; the object stays */
    @Override
    public void delete(BlobName name) throws IOException {
        throw new ReadOnlyBlobStoreException(BlobOp.DELETE, name);
    }
}
