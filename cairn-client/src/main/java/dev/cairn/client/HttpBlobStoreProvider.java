package dev.cairn.client;

import dev.cairn.blob.BlobStore;
import dev.cairn.blob.BlobStoreProvider;
import dev.cairn.blob.Sleeper;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@code http:} and {@code https:} schemes: {@code https://HOST[:PORT]/REPO} is repository REPO of the account
 * whose token is given in the settings ({@code token}; {@code insecure-http=true} allows plain http to a host that is
 * not a loopback address). Without settings, the token is read from {@code $CAIRN_TOKEN}. The store retries transient
 * failures ({@link RemoteStores}); {@link #create} also creates the repository on the server.
 */
public abstract sealed class HttpBlobStoreProvider implements BlobStoreProvider
        permits HttpBlobStoreProvider.Http, HttpBlobStoreProvider.Https {
    /** Settings key of the API token. */
    public static final String TOKEN = "token";
    /** Settings key that allows plain http to a non-loopback host ({@code true}). */
    public static final String INSECURE_HTTP = "insecure-http";

    @Override
    public BlobStore open(URI location) throws IOException {
        return open(location, Map.of());
    }

    @Override
    public BlobStore create(URI location) throws IOException {
        return create(location, Map.of());
    }

    @Override
    public BlobStore open(URI location, Map<String, String> settings) throws IOException {
        return open(location, settings, false);
    }

    @Override
    public BlobStore create(URI location, Map<String, String> settings) throws IOException {
        return open(location, settings, true);
    }

    private static BlobStore open(URI uri, Map<String, String> settings, boolean create) throws IOException {
        ServerLocation location = ServerLocation.repository(uri.toString(),
                Boolean.parseBoolean(settings.get(INSECURE_HTTP)));
        String token = settings.getOrDefault(TOKEN, System.getenv("CAIRN_TOKEN"));
        if (token == null || token.isBlank()) {
            throw new SignedOutException(location.serverAddress(), "no-credential");
        }
        return RemoteStores.open(location, token.strip(), create, RemoteStores.RETRY, Sleeper.system(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /** {@code http:}; public only for {@link java.util.ServiceLoader}. */
    public static final class Http extends HttpBlobStoreProvider {
        @Override
        public String scheme() {
            return "http";
        }
    }

    /** {@code https:}; public only for {@link java.util.ServiceLoader}. */
    public static final class Https extends HttpBlobStoreProvider {
        @Override
        public String scheme() {
            return "https";
        }
    }
}
