package dev.cairn.agent.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobStore;
import dev.cairn.blob.RetryPolicy;
import dev.cairn.blob.Sleeper;
import dev.cairn.client.LeaseClient;
import dev.cairn.client.RemoteStores;
import dev.cairn.client.ServerLocation;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server half of {@code cairn train}: the requests a command against a server repository makes (probe, put, ranged
 * read, list, leases), sent through the real client to a throwaway loopback HTTP server that answers them plausibly, so
 * the JVM's ahead-of-time cache also holds the HTTP client's and TLS set-up's classes (several hundred, loaded and linked
 * at every remote command's start otherwise). Not a repository server: it stores nothing.
 */
final class HttpTraining {
    private static final String LEASE = "{\"id\":\"00112233445566778899aabbccddeeff\",\"mode\":\"shared\",\"holder\":\"train\","
            + "\"expiresAt\":\"2030-01-01T00:00:00Z\"}";

    private HttpTraining() {
    }

    /** Runs the requests; returns how many the throwaway server answered. */
    static int run() throws IOException {
        AtomicInteger served = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> answer(exchange, served));
        server.start();
        try {
            ServerLocation location = ServerLocation.repository("http://127.0.0.1:" + server.getAddress().getPort() + "/train",
                    false);
            try (BlobStore store = RemoteStores.open(location, "train", false, new RetryPolicy(1, Duration.ofMillis(1),
                    Duration.ofMillis(1), 1.0), Sleeper.system(), () -> 0.5)) {
                BlobName pack = BlobName.of(BlobKind.PACK, "00".repeat(32));
                store.put(pack, new byte[64]);
                store.readRange(pack, 8, new byte[16], 0, 16);
                store.list(BlobKind.SNAPSHOT);
                store.delete(pack);
            }
            try (HttpClient client = RemoteStores.client(location)) {
                LeaseClient leases = LeaseClient.of(client, location, "train");
                String id = leases.acquire(false, "train", Duration.ofSeconds(60)).id();
                leases.renew(id);
                leases.list();
                leases.release(id);
            }
        } finally {
            server.stop(0);
        }
        return served.get();
    }

    private static void answer(HttpExchange exchange, AtomicInteger served) throws IOException {
        served.incrementAndGet();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        exchange.getRequestBody().readAllBytes();
        String range = exchange.getRequestHeaders().getFirst("Range");
        if (method.equals("HEAD")) {
            exchange.sendResponseHeaders(404, -1);
        } else if (method.equals("GET") && range != null) {
            String[] bounds = range.substring("bytes=".length()).split("-");
            byte[] body = new byte[(int) (Long.parseLong(bounds[1]) - Long.parseLong(bounds[0]) + 1)];
            exchange.sendResponseHeaders(206, body.length);
            exchange.getResponseBody().write(body);
        } else if (method.equals("GET") || (method.equals("POST") || method.equals("PUT")) && path.contains("/leases")) {
            byte[] body = (method.equals("GET") ? "[]" : LEASE).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(method.equals("POST") ? 201 : 200, body.length);
            exchange.getResponseBody().write(body);
        } else {
            exchange.sendResponseHeaders(method.equals("PUT") ? 201 : 204, -1);
        }
        exchange.close();
    }
}
