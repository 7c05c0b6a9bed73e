package dev.cairn.server.alerts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POSTs an alert's JSON to a webhook with {@code X-Cairn-Signature: sha256=<hex HMAC-SHA256 of the body keyed with the
 * secret>}. A 2xx answer is delivered; anything else (a status, a refused connection, a timeout) is a failed attempt,
 * described for the delivery log. Redirects are not followed. Thread-safe.
 */
final class WebhookSender {
    static final String SIGNATURE_HEADER = "X-Cairn-Signature";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    // (the job stops taking messages after DeliveryWorker.BUDGET, so at most one attempt runs past it)

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** Sends {@code body}; returns null when delivered, else what went wrong. */
    String send(String url, String secret, String body) throws InterruptedException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Content-Type", "application/json").header("User-Agent", "cairn-alerts")
                .header(SIGNATURE_HEADER, signature(secret, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return status / 100 == 2 ? null : "the webhook answered HTTP " + status;
        } catch (IOException e) {
            return "the webhook could not be reached: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage());
        } catch (IllegalArgumentException e) {
            return "the webhook URL cannot be used: " + e.getMessage();
        }
    }

    /** {@code sha256=} and the lower-case hex HMAC-SHA256 of {@code body} keyed with the UTF-8 bytes of {@code secret}. */
    static String signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
