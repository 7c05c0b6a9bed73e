package dev.cairn.client;

import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobStore;
import dev.cairn.blob.ForwardingBlobStore;
import dev.cairn.blob.RetryPolicy;
import dev.cairn.blob.RetryingBlobStore;
import dev.cairn.blob.Sleeper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.function.DoubleSupplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * Opens a server repository as a {@link BlobStore}: an {@link HttpBlobStore} that first checks the server answers and
 * takes the token, wrapped in a {@link RetryingBlobStore} (exponential backoff with jitter, honouring
 * {@code Retry-After}) that retries only transient failures (5xx, 408, 429, connection reset or refused mid-run,
 * timeouts), never other 4xx. Closing the store closes its HTTP client.
 */
public final class RemoteStores {
    /** Six attempts over about half a minute: rides out a server restart or a short network drop. */
    public static final RetryPolicy RETRY = new RetryPolicy(6, Duration.ofMillis(500), Duration.ofSeconds(15), 2.0);

    private RemoteStores() {
    }

    /**
     * A client for {@code location}: HTTP/2 over TLS (one connection, many streams), HTTP/1.1 over plain http. For plain
     * http the client gets a TLS context that trusts nothing instead of the JDK's default one, whose set-up (the system's
     * CA certificates) costs about 0.1 s of start-up; it never talks TLS (redirects are not followed).
     */
    public static HttpClient client(ServerLocation location) {
        boolean tls = location.server().getScheme().equals("https");
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(tls ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(15)).followRedirects(HttpClient.Redirect.NEVER);
        if (!tls) {
            plainHttpContext().ifPresent(builder::sslContext);
        }
        return builder.build();
    }

    /**
     * A TLS context with no keys and no trusted certificates, made once and shared by every plain-http client; empty if the
     * JDK refuses (then the default).
     */
    static java.util.Optional<SSLContext> plainHttpContext() {
        return NoTls.CONTEXT;
    }

    /** Holder of {@link #plainHttpContext()}: made on first use, thread-safe by class initialisation. */
    private static final class NoTls {
        static final java.util.Optional<SSLContext> CONTEXT = make();

        private static java.util.Optional<SSLContext> make() {
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(new KeyManager[0], new TrustManager[0], null);
                return java.util.Optional.of(context);
            } catch (GeneralSecurityException e) {
                return java.util.Optional.empty();
            }
        }
    }

    /**
     * Opens {@code location}'s repository with {@code token}; with {@code create} it is created on the server first.
     *
     * @param jitter values in [0, 1) that spread retries apart (e.g. {@code random::nextDouble})
     */
    public static BlobStore open(ServerLocation location, String token, boolean create, RetryPolicy policy, Sleeper sleeper,
                                 DoubleSupplier jitter) throws IOException {
        HttpClient client = client(location);
        try {
            // opening is retried as every later request is: a 503 of a server whose store or database has a moment's
            // trouble (issue 21, the reliability harness's server-store fault) must not end the command at its start
            HttpBlobStore store = retried(policy, sleeper, jitter, () -> HttpBlobStore.connect(client, location, token));
            if (create) {
                retried(policy, sleeper, jitter, () -> {
                    store.createRepo();
                    return store;
                });
            }
            return new ClosingClient(RetryingBlobStore.wrap(store, policy, sleeper, jitter), client);
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    @FunctionalInterface
    interface Step<T> {
        T run() throws IOException;
    }

    /** Runs {@code step}, again after a backoff while it fails transiently, at most {@code policy.maxAttempts()} times. */
    static <T> T retried(RetryPolicy policy, Sleeper sleeper, DoubleSupplier jitter, Step<T> step) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return step.run();
            } catch (dev.cairn.blob.TransientBlobStoreException e) {
                if (attempt >= policy.maxAttempts()) {
                    throw e;
                }
                java.time.Duration delay = java.time.Duration.ofNanos((long) (policy.delayAfter(attempt).toNanos()
                        * (0.5 + 0.5 * jitter.getAsDouble())));
                if (e.retryAfter() != null && e.retryAfter().compareTo(delay) > 0) {
                    delay = e.retryAfter();
                }
                try {
                    sleeper.sleep(delay);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while waiting to retry opening the repository");
                }
            }
        }
    }

    /**
     * {@code store}, whose {@link BlobStore#close()} also shuts {@code client} down (after the store). Every client must be
     * shut down before the process exits: its selector thread waits in {@code epoll_wait}, a native call, and the JVM's
     * exit waits up to 300 ms for threads in native code to block (HotSpot's {@code VM_Exit}), which a short command such
     * as a backup with no change would spend idle.
     */
    public static BlobStore closingAlso(BlobStore store, HttpClient client) {
        return new ClosingClient(store, client);
    }

    /** Closes the HTTP client after the store. */
    private static final class ClosingClient extends ForwardingBlobStore {
        private final HttpClient client;

        ClosingClient(BlobStore store, HttpClient client) {
            super(store);
            this.client = client;
        }

        @Override
        public void readRange(BlobName name, long offset, byte[] dst, int dstOffset, int length) throws IOException {
            delegate().readRange(name, offset, dst, dstOffset, length);
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                client.shutdownNow();
            }
        }

        @Override
        public String toString() {
            return delegate().toString();
        }
    }
}
