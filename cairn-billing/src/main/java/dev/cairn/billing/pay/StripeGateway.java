package dev.cairn.billing.pay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Stripe's REST API through the JDK's HTTP client: one confirmed, off-session PaymentIntent per charge
 * ({@code POST /v1/payment_intents} with {@code confirm=true}, {@code off_session=true}), the invoice number as
 * Stripe's {@code Idempotency-Key} so a retry never charges twice. The customer reference is
 * {@code cus_…:pm_…} (Stripe customer and saved payment method). A decline (HTTP 402, or a status other than
 * {@code succeeded}) is a declined charge with Stripe's message; a network or server failure throws, so the collection
 * job tries again at its next run. Thread-safe.
 */
public final class StripeGateway implements PaymentGateway {
    /** Stripe's API address; tests point it at a local stand-in. */
    public static final URI API = URI.create("https://api.stripe.com");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI base;
    private final String secretKey;
    private final HttpClient http;

    public StripeGateway(URI base, String secretKey) {
        if (secretKey == null || !secretKey.matches("(sk|rk)_(live|test)_[A-Za-z0-9]+")) {
            throw new IllegalArgumentException("a Stripe secret key starts with sk_live_, sk_test_, rk_live_ or rk_test_");
        }
        this.base = base;
        this.secretKey = secretKey;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public String name() {
        return "stripe";
    }

    @Override
    public Charge charge(String customer, long amountMinor, String currency, String idempotencyKey) {
        String[] ref = customer.split(":", 2);
        if (ref.length != 2 || !ref[0].startsWith("cus_") || !ref[1].startsWith("pm_")) {
            return new Charge(false, "", "the payment method must be a Stripe reference cus_…:pm_…");
        }
        String form = Map.of("amount", Long.toString(amountMinor), "currency", currency.toLowerCase(Locale.ROOT),
                "customer", ref[0], "payment_method", ref[1], "confirm", "true", "off_session", "true",
                "description", "cairn " + idempotencyKey).entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/payment_intents"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((secretKey + ":")
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Idempotency-Key", idempotencyKey)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Stripe did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while charging through Stripe", e);
        }
        return outcome(response);
    }

    private static Charge outcome(HttpResponse<String> response) {
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Stripe answered " + response.statusCode() + " with a body that is not JSON");
        }
        int status = response.statusCode();
        if (status == 200) {
            String state = body.path("status").asText();
            return "succeeded".equals(state) ? new Charge(true, body.path("id").asText(), "paid")
                    : new Charge(false, body.path("id").asText(), "payment " + state);
        }
        if (status == 402 || status == 400) {
            JsonNode error = body.path("error");
            return new Charge(false, error.path("payment_intent").path("id").asText(""),
                    error.path("message").asText("declined"));
        }
        throw new IllegalStateException("Stripe answered " + status + ": " + body.path("error").path("message").asText());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
