package dev.cairn.blob;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;

/**
 * Base class for decorators: forwards every abstract {@link BlobStore} method, {@link #put(BlobName, byte[])} and
 * {@link #close()} to the wrapped store. The convenience defaults ({@code getAll}, {@code getRange}, {@code exists}) are
 * not forwarded; they go through this object's {@code get} and {@code stat}, so a subclass sees them.
 *
 * <p>A subclass that changes how content is written must override both {@code put} methods. Thread-safety is that of the
 * wrapped store plus whatever state the subclass adds. {@link #close()} closes the wrapped store (the decorator owns it).
 */
public abstract class ForwardingBlobStore implements BlobStore {
    private final BlobStore delegate;

    protected ForwardingBlobStore(BlobStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The wrapped store. */
    protected final BlobStore delegate() {
        return delegate;
    }

    @Override
    public void put(BlobName name, InputStream content, long length) throws IOException {
        delegate.put(name, content, length);
    }

    @Override
    public void put(BlobName name, byte[] content) throws IOException {
        delegate.put(name, content);
    }

    @Override
    public InputStream get(BlobName name) throws IOException {
        return delegate.get(name);
    }

    @Override
    public InputStream get(BlobName name, long offset, long length) throws IOException {
        return delegate.get(name, offset, length);
    }

    @Override
    public BlobInfo stat(BlobName name) throws IOException {
        return delegate.stat(name);
    }

    @Override
    public List<BlobInfo> list(BlobKind kind) throws IOException {
        return delegate.list(kind);
    }

    @Override
    public void delete(BlobName name) throws IOException {
        delegate.delete(name);
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + delegate + ")";
    }
}
