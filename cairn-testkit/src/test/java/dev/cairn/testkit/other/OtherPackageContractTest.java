package dev.cairn.testkit.other;

import dev.cairn.blob.BlobStore;
import dev.cairn.blob.MemoryBlobStore;
import dev.cairn.testkit.BlobStoreContract;

/** Other modules extend the contract from their own packages; this proves every inherited test still runs there. */
class OtherPackageContractTest extends BlobStoreContract {
    @Override
    protected BlobStore newStore() {
        return MemoryBlobStore.create();
    }
}
