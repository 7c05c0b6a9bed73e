package dev.cairn.agent.cli;

import dev.cairn.blob.BlobStore;
import dev.cairn.engine.repo.Repository;
import java.io.IOException;

/** An opened repository together with the store under it; closing forgets the key, then closes the store. */
record OpenRepository(String location, BlobStore store, Repository repo) implements AutoCloseable {
    @Override
    public void close() throws IOException {
        try {
            repo.close();
        } finally {
            store.close();
        }
    }
}
