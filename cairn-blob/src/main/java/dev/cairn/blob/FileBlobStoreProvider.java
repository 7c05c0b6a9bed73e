package dev.cairn.blob;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * The {@code file:} scheme: a {@link LocalBlobStore}. Accepts {@code file:/abs}, {@code file:///abs},
 * {@code file://localhost/abs} and, for relative paths, {@code file:rel}. Public only for {@link java.util.ServiceLoader}.
 */
public final class FileBlobStoreProvider implements BlobStoreProvider {
    static final String SCHEME = "file";

    /** For {@link java.util.ServiceLoader}. */
    public FileBlobStoreProvider() {
    }

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public BlobStore open(URI location) throws IOException {
        return LocalBlobStore.open(toPath(location));
    }

    @Override
    public BlobStore create(URI location) throws IOException {
        return LocalBlobStore.create(toPath(location));
    }

    static Path toPath(URI location) {
        if (location.isOpaque()) {
            return Path.of(location.getSchemeSpecificPart());
        }
        String host = location.getAuthority();
        if (host != null && !host.isEmpty() && !host.equalsIgnoreCase("localhost")) {
            throw new IllegalArgumentException("file location " + location + " names host '" + host
                    + "'; only local paths are supported (mount the remote file system and give its local path)");
        }
        return Path.of(location.getPath());
    }
}
