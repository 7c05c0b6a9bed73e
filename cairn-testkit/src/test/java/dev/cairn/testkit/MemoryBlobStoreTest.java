package dev.cairn.testkit;

import dev.cairn.blob.BlobStore;
import dev.cairn.blob.MemoryBlobStore;

class MemoryBlobStoreTest extends BlobStoreContract {
    @Override
    protected BlobStore newStore() {
        return MemoryBlobStore.create();
    }
}
