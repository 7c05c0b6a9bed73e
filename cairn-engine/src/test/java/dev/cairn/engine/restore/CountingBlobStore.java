package dev.cairn.engine.restore;

import dev.cairn.blob.BlobInfo;
import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts ranged reads of packs; delegates everything. */
final class CountingBlobStore implements BlobStore {
    private final BlobStore delegate;
    final AtomicInteger packRangeReads = new AtomicInteger();

    CountingBlobStore(BlobStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public void put(BlobName name, InputStream content, long length) throws IOException {
        delegate.put(name, content, length);
    }

    @Override
    public InputStream get(BlobName name) throws IOException {
        return delegate.get(name);
    }

    @Override
    public InputStream get(BlobName name, long offset, long length) throws IOException {
        if (name.kind() == BlobKind.PACK) {
            packRangeReads.incrementAndGet();
        }
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
}
