package dev.cairn.agent;

import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobStore;
import dev.cairn.blob.BlobStoreProvider;
import dev.cairn.blob.ForwardingBlobStore;
import dev.cairn.blob.LocalBlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code metered:/path/to/repo?log=FILE}: a local store that appends one line {@code KIND BYTES} to FILE for every put
 * that succeeded, so a test can add up what a child process sent (the stand-in for a server's ingress counter).
 * Registered for the child JVMs through META-INF/services in the test resources.
 */
public final class MeteredStoreProvider implements BlobStoreProvider {
    @Override
    public String scheme() {
        return "metered";
    }

    @Override
    public BlobStore open(URI location) throws IOException {
        String query = location.getRawQuery();
        Path log = Path.of(URLDecoder.decode(query.substring(query.indexOf("log=") + 4), StandardCharsets.UTF_8));
        return new Metered(LocalBlobStore.open(Path.of(location.getPath())), log);
    }

    private static final class Metered extends ForwardingBlobStore {
        private final Path log;

        Metered(BlobStore delegate, Path log) {
            super(delegate);
            this.log = log;
        }

        @Override
        public void put(BlobName name, InputStream content, long length) throws IOException {
            delegate().put(name, content, length);
            record(name, length);
        }

        @Override
        public void put(BlobName name, byte[] content) throws IOException {
            delegate().put(name, content);
            record(name, content.length);
        }

        private synchronized void record(BlobName name, long length) throws IOException {
            Files.writeString(log, name.kind().dirName() + " " + length + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }
}
