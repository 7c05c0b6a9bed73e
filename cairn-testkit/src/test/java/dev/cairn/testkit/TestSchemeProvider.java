package dev.cairn.testkit;

import dev.cairn.blob.BlobStore;
import dev.cairn.blob.BlobStoreProvider;
import dev.cairn.blob.MemoryBlobStore;
import java.net.URI;

/** A provider registered through META-INF/services in the test resources, to prove the registry is extensible. */
public final class TestSchemeProvider implements BlobStoreProvider {
    @Override
    public String scheme() {
        return "testmem";
    }

    @Override
    public BlobStore open(URI location) {
        return MemoryBlobStore.create();
    }
}
