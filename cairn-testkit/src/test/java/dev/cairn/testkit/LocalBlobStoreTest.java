package dev.cairn.testkit;

import dev.cairn.blob.BlobStore;
import dev.cairn.blob.LocalBlobStore;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class LocalBlobStoreTest extends BlobStoreContract {
    @TempDir
    Path dir;

    @Override
    protected BlobStore newStore() throws IOException {
        return LocalBlobStore.create(dir.resolve("store"));
    }
}
