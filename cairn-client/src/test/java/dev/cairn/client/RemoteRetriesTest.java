package dev.cairn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobStore;
import dev.cairn.testkit.FakeSleeper;
import java.io.IOException;
import java.net.InetSocketAddress;
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
 * Retries of a server store (issue 14): a 503 (or 429 with Retry-After) is retried with backoff and the put then
 * succeeds; a 403 is never retried. A stub HTTP server answers from a script and records every request.
 */
class RemoteRetriesTest {
    private static final BlobName PACK = BlobName.of(BlobKind.PACK, "ab".repeat(32));
    private final Deque<Integer> script = new ArrayDeque<>();
    private final Deque<Integer> probeScript = new ArrayDeque<>();
    private final List<String> requests = new ArrayList<>();
    private final List<Integer> bodyLengths = new ArrayList<>();
    private HttpServer server;
    private final FakeSleeper sleeper = FakeSleeper.recording();

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
        byte[] body = exchange.getRequestBody().readAllBytes();
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(probeScript.isEmpty() ? 404 : probeScript.poll(), -1); // the probe: no config yet
            exchange.close();
            return;
        }
        bodyLengths.add(body.length);
        int status = script.isEmpty() ? 201 : script.poll();
        if (status == 429) {
            exchange.getResponseHeaders().add("Retry-After", "7");
        }
        byte[] problem = status < 300 ? new byte[0]
                : ("{\"code\":\"x\",\"detail\":\"scripted " + status + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, problem.length == 0 ? -1 : problem.length);
        exchange.getResponseBody().write(problem);
        exchange.close();
    }

    private BlobStore store() throws IOException {
        ServerLocation location = ServerLocation.repository("http://127.0.0.1:" + server.getAddress().getPort() + "/repo", false);
        return RemoteStores.open(location, "cairn_test", false, RemoteStores.RETRY, sleeper, () -> 0.5);
    }

    private List<String> puts() {
        return requests.stream().filter(r -> r.startsWith("PUT")).toList();
    }

    /** Issue 21 (reliability harness, server-store faults): a 503 while opening the repository is retried too. */
    @Test
    void a503WhileOpeningIsRetriedAndTheOpenSucceeds() throws IOException {
        probeScript.add(503);
        probeScript.add(503);

        BlobStore store = store();
        store.put(PACK, new byte[] {1});

        assertThat(requests.stream().filter(r -> r.startsWith("HEAD")).count()).isEqualTo(3);
        assertThat(sleeper.sleeps()).hasSize(2);
    }

    @Test
    void a503IsRetriedWithBackoffAndTheWholeBodyIsSentAgain() throws IOException {
        script.add(503);
        script.add(503);
        byte[] content = new byte[300_000];
        try (BlobStore store = store()) {
            store.put(PACK, new java.io.BufferedInputStream(new java.io.ByteArrayInputStream(content), 1 << 20), content.length);
        }
        assertThat(puts()).hasSize(3);
        assertThat(bodyLengths).containsOnly(content.length);
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(375), Duration.ofMillis(750));
    }

    @Test
    void a429WaitsAtLeastItsRetryAfter() throws IOException {
        script.add(429);
        try (BlobStore store = store()) {
            store.put(PACK, new byte[10]);
        }
        assertThat(puts()).hasSize(2);
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void a403IsNotRetried() throws IOException {
        script.add(403);
        try (BlobStore store = store()) {
            assertThatThrownBy(() -> store.put(PACK, new byte[10])).isInstanceOf(ServerProblemException.class)
                    .hasMessageContaining("scripted 403");
        }
        assertThat(puts()).hasSize(1);
        assertThat(sleeper.sleeps()).isEmpty();
    }
}
