package dev.cairn.testkit;

import dev.cairn.blob.BlobStore;
import dev.cairn.blob.MemoryBlobStore;
import dev.cairn.blob.MeteringBlobStore;
import dev.cairn.blob.RetryPolicy;
import dev.cairn.blob.RetryingBlobStore;
import dev.cairn.blob.ThrottlingBlobStore;
import java.time.Duration;

/** A full decorator stack (with no limits and no faults) still keeps the whole store contract. */
class DecoratedBlobStoreTest extends BlobStoreContract {
    @Override
    protected BlobStore newStore() {
        BlobStore faulty = FaultyBlobStore.wrap(MemoryBlobStore.create());
        BlobStore retrying = RetryingBlobStore.wrap(faulty, new RetryPolicy(3, Duration.ZERO, Duration.ZERO, 1));
        BlobStore throttled = ThrottlingBlobStore.wrap(retrying, Long.MAX_VALUE, Long.MAX_VALUE);
        return MeteringBlobStore.wrap(throttled);
    }
}
