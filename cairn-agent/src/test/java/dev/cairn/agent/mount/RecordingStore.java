package dev.cairn.agent.mount;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobStore;
import dev.cairn.blob.ForwardingBlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A store that records every ranged read of a pack (offset and length), to see which blobs a request read. */
final class RecordingStore extends ForwardingBlobStore {
    record Read(String pack, long offset, long length) {
    }

    final List<Read> packReads = new CopyOnWriteArrayList<>();

    RecordingStore(BlobStore delegate) {
        super(delegate);
    }

    @Override
    public InputStream get(BlobName name, long offset, long length) throws IOException {
        if (name.kind() == BlobKind.PACK) {
            packReads.add(new Read(name.id(), offset, length));
        }
        return super.get(name, offset, length);
    }
}
