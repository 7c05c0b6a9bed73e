package dev.cairn.billing.pay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Stripe gateway against a local stand-in of {@code POST /v1/payment_intents} that answers as Stripe documents it:
 * the request (form fields, Basic auth with the secret key, Idempotency-Key) is checked, a success gives the
 * PaymentIntent id, a 402 card error a declined charge with Stripe's message, a 500 an exception (retried later).
 */
class StripeGatewayTest {
    private HttpServer stub;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String answer = "{\"id\":\"pi_123\",\"status\":\"succeeded\"}";

    @BeforeEach
    void start() throws IOException {
        stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/v1/payment_intents", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(ex.getRequestMethod() + " " + ex.getRequestHeaders().getFirst("Authorization") + " "
                    + ex.getRequestHeaders().getFirst("Idempotency-Key") + " " + body);
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        stub.start();
    }

    @AfterEach
    void stop() {
        stub.stop(0);
    }

    private StripeGateway gateway() {
        return new StripeGateway(URI.create("http://127.0.0.1:" + stub.getAddress().getPort()), "sk_test_abc123");
    }

    @Test
    void aChargeIsAConfirmedOffSessionPaymentIntentWithTheInvoiceAsIdempotencyKey() {
        PaymentGateway.Charge c = gateway().charge("cus_9:pm_7", 1234, "EUR", "INV-202701-5");
        assertThat(c.succeeded()).isTrue();
        assertThat(c.reference()).isEqualTo("pi_123");
        assertThat(requests).singleElement().asString()
                .startsWith("POST Basic c2tfdGVzdF9hYmMxMjM6 INV-202701-5 ") // base64("sk_test_abc123:")
                .contains("amount=1234", "currency=eur", "customer=cus_9", "payment_method=pm_7", "confirm=true",
                        "off_session=true");
    }

    @Test
    void aDeclineCarriesStripesMessageAndAServerErrorThrows() {
        status = 402;
        answer = "{\"error\":{\"type\":\"card_error\",\"message\":\"Your card was declined.\","
                + "\"payment_intent\":{\"id\":\"pi_9\"}}}";
        PaymentGateway.Charge c = gateway().charge("cus_9:pm_7", 500, "EUR", "INV-1");
        assertThat(c.succeeded()).isFalse();
        assertThat(c.message()).isEqualTo("Your card was declined.");
        status = 500;
        answer = "{\"error\":{\"message\":\"internal\"}}";
        assertThatThrownBy(() -> gateway().charge("cus_9:pm_7", 500, "EUR", "INV-2")).hasMessageContaining("500");
        assertThat(gateway().charge("not-a-ref", 500, "EUR", "INV-3").succeeded()).isFalse();
        assertThatThrownBy(() -> new StripeGateway(URI.create("http://x"), "pk_test_1"))
                .hasMessageContaining("secret key");
    }
}
