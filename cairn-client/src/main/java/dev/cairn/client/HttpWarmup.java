package dev.cairn.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;

/**
 * One-time JVM initialisation that reaching a server needs anyway, started on a daemon thread while the caller parses its
 * arguments: the TLS context (for plain http too: the JDK's HTTP client always has one, and its set-up computes the usable
 * cipher suites, about 0.1-0.3 s in a cold JVM) and the HTTP client's classes (a client built and shut down at once).
 * Optional: the first real use finds it done or waits for the class initialisation in progress.
 */
public final class HttpWarmup {
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private HttpWarmup() {
    }

    /** Starts the warm-up for a server at {@code location} (https or http), once per JVM. */
    public static void startOnce(String location) {
        if (ServerLocation.isServer(location) && STARTED.compareAndSet(false, true)) {
            boolean tls = location.strip().regionMatches(true, 0, "https:", 0, 6);
            Thread t = new Thread(() -> run(tls), "cairn-prepare-http");
            t.setDaemon(true);
            t.start();
        }
    }

    private static void run(boolean tls) {
        try {
            SSLContext context = tls ? SSLContext.getDefault() : RemoteStores.plainHttpContext().orElse(null);
            if (context != null) {
                context.getDefaultSSLParameters();
            }
            HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).timeout(Duration.ofSeconds(1)).GET().build();
            // the client's selector thread must not outlive the warm-up: a thread in epoll_wait delays the JVM's exit
            HttpClient client = tls ? HttpClient.newHttpClient()
                    : RemoteStores.client(ServerLocation.repository("http://127.0.0.1/warmup", false));
            client.shutdownNow();
            client.awaitTermination(Duration.ofSeconds(1));
        } catch (NoSuchAlgorithmException | RuntimeException e) {
            // only a warm-up: the real connection reports real problems
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
