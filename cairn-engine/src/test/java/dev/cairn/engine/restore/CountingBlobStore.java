package dev.cairn.engine.restore;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobStore;
import dev.cairn.blob.ForwardingBlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts ranged reads of packs; forwards everything. */
final class CountingBlobStore extends ForwardingBlobStore {
    final AtomicInteger packRangeReads = new AtomicInteger();

    CountingBlobStore(BlobStore delegate) {
        super(delegate);
    }

    @Override
    public InputStream get(BlobName name, long offset, long length) throws IOException {
        if (name.kind() == BlobKind.PACK) {
            packRangeReads.incrementAndGet();
        }
        return super.get(name, offset, length);
    }
}
