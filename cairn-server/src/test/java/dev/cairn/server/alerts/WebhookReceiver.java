package dev.cairn.server.alerts;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver for tests: a JDK HTTP server on 127.0.0.1 that records every POST (body and signature header) and
 * answers with the next queued status (200 when none is queued). {@link #verified} checks a signature the way a real
 * receiver would, with its own HMAC-SHA256 and a constant-time comparison. Public: features' alert tests use it too.
 */
public final class WebhookReceiver implements AutoCloseable {
    public record Received(String body, String signature) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Queue<Integer> statuses = new ConcurrentLinkedQueue<>();

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                received.add(new Received(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                        exchange.getRequestHeaders().getFirst("X-Cairn-Signature")));
            }
            Integer status = statuses.poll();
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** The next answers, in order. */
    public void failNext(int... codes) {
        for (int code : codes) {
            statuses.add(code);
        }
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public static boolean verified(Received r, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(r.body().getBytes(
                StandardCharsets.UTF_8)));
        return r.signature() != null && java.security.MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), r.signature().getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
