package dev.cairn.blob;

import java.io.IOException;
import java.net.URI;

/**
 * Opens stores for one location scheme, such as {@code file} or {@code s3}. Modules that add a kind of store implement
 * this and list the class in {@code META-INF/services/dev.cairn.blob.BlobStoreProvider}; {@link BlobStores} finds them
 * with {@link java.util.ServiceLoader}. Implementations need a public no-argument constructor and must be thread-safe.
 */
public interface BlobStoreProvider {

    /** The URI scheme this provider handles, in lower case, e.g. {@code "s3"}. */
    String scheme();

    /**
     * Opens the existing store at {@code location} (whose scheme is {@link #scheme()}).
     *
     * @throws IllegalArgumentException if the location is malformed for this scheme
     * @throws IOException if the store cannot be reached or does not exist
     */
    BlobStore open(URI location) throws IOException;

    /** Creates the store at {@code location} if needed and opens it. The default just {@linkplain #open opens} it. */
    default BlobStore create(URI location) throws IOException {
        return open(location);
    }

    /**
     * Opens the store at {@code location} with settings the caller resolved for it (e.g. a server's {@code token});
     * the default ignores them. Providers document the keys they read; settings are never part of the location, so
     * secrets stay out of messages that name it.
     */
    default BlobStore open(URI location, java.util.Map<String, String> settings) throws IOException {
        return open(location);
    }

    /** {@link #create(URI)} with settings, as for {@link #open(URI, java.util.Map)}. */
    default BlobStore create(URI location, java.util.Map<String, String> settings) throws IOException {
        return create(location);
    }
}
