package dev.cairn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cairn.blob.RetryPolicy;
import dev.cairn.blob.TransientBlobStoreException;
import dev.cairn.testkit.FakeSleeper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lease calls ride out a server that goes away, as blob transfers do (found by the load suite of issue 21: a cairn
 * backup failed with "take a lease ... failed: HTTP/1.1 header parser received no bytes" when the server behind a
 * balancer was killed). A stub server answers from a script: a number is a status, {@code DROP} closes the connection
 * without an answer.
 */
class LeaseRetryTest {
    private static final int DROP = -1;
    private static final String LEASE = "{\"id\":\"l1\",\"mode\":\"shared\",\"holder\":\"h\",\"ttlSeconds\":60}";
    /** The conflict the server answers: the live lease is held by "h", exclusively. */
    private static final String CONFLICT = "{\"code\":\"lease-conflict\",\"detail\":\"in use\","
            + "\"retryAfterSeconds\":60,\"holders\":[{\"id\":\"l7\",\"mode\":\"exclusive\",\"holder\":\"h\",\"ttlSeconds\":60}]}";
    private final Deque<Integer> script = new ArrayDeque<>();
    private final List<String> requests = new ArrayList<>();
    private final FakeSleeper sleeper = FakeSleeper.recording();
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private synchronized void answer(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        requests.add(exchange.getRequestMethod());
        int status = script.isEmpty() ? 200 : script.poll();
        if (status == DROP) {
            exchange.close(); // before any answer: the connection is closed under the request
            return;
        }
        byte[] body = (status < 300 ? LEASE : status == 409 ? CONFLICT
                : "{\"code\":\"x\",\"detail\":\"scripted " + status + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private LeaseClient leases() {
        ServerLocation location = ServerLocation.repository("http://127.0.0.1:" + server.getAddress().getPort()
                + "/repo", false);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return LeaseClient.of(client, location, "cairn_test", RemoteStores.RETRY, sleeper);
    }

    @Test
    void anAcquisitionWhoseConnectionDropsIsRetried() throws IOException {
        script.add(DROP);
        script.add(503);

        Lease lease = leases().acquire(false, "h", Duration.ofSeconds(60));

        assertThat(lease.id()).isEqualTo("l1");
        assertThat(requests).containsExactly("POST", "POST", "POST");
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    @Test
    void renewalsAndReleasesAreRetriedToo() throws IOException {
        script.add(DROP);
        leases().renew("l1");
        script.add(502);
        leases().release("l1");

        assertThat(requests).containsExactly("PUT", "PUT", "DELETE", "DELETE");
    }

    @Test
    void aServerThatStaysAwayFailsAfterThePolicysAttempts() {
        for (int i = 0; i < RemoteStores.RETRY.maxAttempts(); i++) {
            script.add(DROP);
        }

        assertThatThrownBy(() -> leases().acquire(true, "h", Duration.ofSeconds(60)))
                .isInstanceOf(TransientBlobStoreException.class).hasMessageContaining("take a lease");
        assertThat(requests).hasSize(RemoteStores.RETRY.maxAttempts());
    }

    @Test
    void aConflictOrARefusalIsNotRetried() {
        script.add(409);
        assertThatThrownBy(() -> leases().acquire(true, "h", Duration.ofSeconds(60)))
                .isInstanceOf(LeaseConflictException.class);
        script.add(403);
        assertThatThrownBy(() -> leases().renew("l1")).isInstanceOf(IOException.class)
                .isNotInstanceOf(TransientBlobStoreException.class);

        assertThat(requests).containsExactly("POST", "PUT");
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void aRetryThatMeetsTheLeaseItsLostAnswerTookTakesItInsteadOfWaitingForIt() throws IOException {
        script.add(DROP); // the server took lease l7 for "h", then the answer was lost
        script.add(409);

        Lease lease = leases().acquire(true, "h", Duration.ofSeconds(60));

        assertThat(lease.id()).isEqualTo("l7");
        assertThat(requests).containsExactly("POST", "POST");
    }

    @Test
    void aConflictWithAnotherHolderOrModeAfterARetryIsStillAConflict() {
        script.add(DROP);
        script.add(409);
        assertThatThrownBy(() -> leases().acquire(true, "someone else", Duration.ofSeconds(60)))
                .isInstanceOf(LeaseConflictException.class);
        script.add(DROP);
        script.add(409);
        assertThatThrownBy(() -> leases().acquire(false, "h", Duration.ofSeconds(60)))
                .as("a shared acquisition never takes an exclusive lease as its own")
                .isInstanceOf(LeaseConflictException.class);
    }

    @Test
    void aRetryPolicyOfOneAttemptDoesNotRetry() {
        script.add(DROP);
        ServerLocation location = ServerLocation.repository("http://127.0.0.1:" + server.getAddress().getPort()
                + "/repo", false);
        LeaseClient once = LeaseClient.of(HttpClient.newHttpClient(), location, "t",
                new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 1), sleeper);

        assertThatThrownBy(() -> once.acquire(false, "h", Duration.ofSeconds(60)))
                .isInstanceOf(TransientBlobStoreException.class);
        assertThat(requests).hasSize(1);
    }
}
