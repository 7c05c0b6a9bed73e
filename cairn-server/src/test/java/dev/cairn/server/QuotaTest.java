package dev.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.protocol.TokenScope;
import dev.cairn.testkit.DeterministicRandom;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quotas through the native API: refusal before anything is stored (507, or 413 when the object alone exceeds the
 * quota), chunked uploads aborted when they cross it, exact usage under concurrent uploads and deletes, usage that
 * survives a restart, and daily metering.
 */
class QuotaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    TestServer server;
    String token;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(dir);
        server.account("dora");
        server.core().accounts().setQuota("dora", 10_000L);
        token = server.token("dora", TokenScope.FULL);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private HttpResponse<String> put(String id, byte[] body, boolean chunked) throws Exception {
        HttpRequest.BodyPublisher publisher = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        return server.send(server.request("/api/v1/repos/r/objects/data/" + id)
                .header("Authorization", "Bearer " + token).PUT(publisher).build());
    }

    /**
     * A chunked PUT of {@code size} zero bytes over a raw socket that reads the response while it still sends, as Go's
     * client (restic's) does: the server answers a refused upload before the body ends, and a client that only reads
     * after sending everything may see the connection reset instead. Returns the response, head and body.
     */
    private String chunkedPutReadingEarly(String id, int size) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.app().port())) {
            socket.setSoTimeout(30_000);
            var out = socket.getOutputStream();
            out.write(("PUT /api/v1/repos/r/objects/data/" + id + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
                    + "Bearer " + token + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            Thread sender = Thread.ofVirtual().start(() -> {
                byte[] chunk = new byte[64 * 1024];
                byte[] head = (Integer.toHexString(chunk.length) + "\r\n").getBytes(
                        java.nio.charset.StandardCharsets.ISO_8859_1);
                try {
                    for (int sent = 0; sent < size; sent += chunk.length) {
                        out.write(head);
                        out.write(chunk);
                        out.write(new byte[] {'\r', '\n'});
                    }
                    out.write("0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                } catch (java.io.IOException stopped) {
                    // the server answered and closed: stop sending, as a real client would
                }
            });
            var response = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = socket.getInputStream().read(buffer)) >= 0; ) {
                    response.write(buffer, 0, n);
                }
            } catch (java.net.SocketException reset) {
                // the server closed with body bytes unread: what it answered before is in the buffer
            }
            sender.join(30_000);
            return response.toString(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static String id(int n) {
        return String.format("%064x", n);
    }

    private long stored() {
        return server.core().quota().usage(server.core().accounts().require("dora").id()).storedBytes();
    }

    private long reserved() {
        return server.core().quota().usage(server.core().accounts().require("dora").id()).reservedBytes();
    }

    @Test
    void writeBeyondTheQuotaIs507WithQuotaUsageAndAdvice() throws Exception {
        assertThat(put(id(1), new byte[6000], false).statusCode()).isEqualTo(201);
        HttpResponse<String> refused = put(id(2), new byte[6000], false);
        assertThat(refused.statusCode()).isEqualTo(507);
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.get("code").asText()).isEqualTo("quota-exceeded");
        assertThat(problem.get("quotaBytes").asLong()).isEqualTo(10_000);
        assertThat(problem.get("usageBytes").asLong()).isEqualTo(6000);
        assertThat(problem.get("requestedBytes").asLong()).isEqualTo(6000);
        assertThat(problem.get("detail").asText()).contains("delete");
        assertThat(stored()).isEqualTo(6000);
        assertThat(get(id(2)).statusCode()).isEqualTo(404);
    }

    @Test
    void objectLargerThanTheWholeQuotaIs413() throws Exception {
        HttpResponse<String> refused = put(id(3), new byte[20_000], false);
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body()).contains("quota-too-small");
        assertThat(stored()).isZero();
    }

    @Test
    void chunkedUploadIsCountedWhileStreamingAndDiscardedWhenItCrossesTheQuota() throws Exception {
        assertThat(put(id(4), DeterministicRandom.bytes(4, 3000), true).statusCode()).isEqualTo(201);
        assertThat(stored()).isEqualTo(3000);
        HttpResponse<String> refused = put(id(5), new byte[9000], true);
        assertThat(refused.statusCode()).isEqualTo(507);
        assertThat(get(id(5)).statusCode()).isEqualTo(404);
        assertThat(stored()).isEqualTo(3000);
        assertThat(reserved()).isZero();
    }

    @Test
    void aChunkedUploadRefusedPartWayReportsNumbersThatAddUp() throws Exception {
        long quota = 20L << 20; // larger than the 8 MiB steps in which a chunked body is reserved
        server.core().accounts().setQuota("dora", quota);
        assertThat(put(id(6), DeterministicRandom.bytes(6, 3000), false).statusCode()).isEqualTo(201);
        String refused = chunkedPutReadingEarly(id(7), 24 << 20);
        assertThat(refused).startsWith("HTTP/1.1 507 ");
        JsonNode problem = JSON.readTree(refused.substring(refused.indexOf("\r\n\r\n") + 4));
        long usage = problem.get("usageBytes").asLong();
        long requested = problem.get("requestedBytes").asLong();
        assertThat(usage).as("in use: what is stored, not this upload's own reservation").isEqualTo(3000);
        assertThat(requested).as("the upload as far as it came").isGreaterThan(quota - usage)
                .isLessThanOrEqualTo(24L << 20);
        assertThat(problem.get("detail").asText()).contains("storing " + requested + " more bytes", usage + " of "
                + quota + " bytes are in use");
        assertThat(reserved()).isZero();
        assertThat(stored()).isEqualTo(3000);
    }

    @Test
    void concurrentUploadsNeverOvershootAndUsageIsExact() throws Exception {
        List<Future<Integer>> results = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 20; i++) {
                int n = 100 + i;
                results.add(pool.submit(() -> put(id(n), new byte[1000], false).statusCode()));
            }
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : results) {
            statuses.add(f.get());
        }
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(10);
        assertThat(statuses).filteredOn(s -> s == 507).hasSize(10);
        assertThat(stored()).isEqualTo(10_000);
        assertThat(reserved()).isZero();
        assertThat(server.app().reconcile()).isEmpty();
    }

    @Test
    void concurrentDeletesOfOneObjectFreeItOnce() throws Exception {
        put(id(7), new byte[4000], false);
        put(id(8), new byte[1000], false);
        List<Future<Integer>> results = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(6)) {
            for (int i = 0; i < 6; i++) {
                results.add(pool.submit(() -> server.send(server.request("/api/v1/repos/r/objects/data/" + id(7))
                        .header("Authorization", "Bearer " + token).DELETE().build()).statusCode()));
            }
        }
        int deleted = 0;
        for (Future<Integer> f : results) {
            deleted += f.get() == 204 ? 1 : 0;
        }
        assertThat(deleted).isEqualTo(1);
        assertThat(stored()).isEqualTo(1000);
    }

    @Test
    void usageIsExactAfterARestart() throws Exception {
        put(id(9), new byte[2500], false);
        put(id(10), new byte[1500], true);
        server.close();
        server = TestServer.start(dir);
        assertThat(stored()).isEqualTo(4000);
        assertThat(server.app().reconcile()).isEmpty();
    }

    @Test
    void reconciliationRepairsAndReportsDrift() throws Exception {
        put(id(11), new byte[2000], false);
        long accountId = server.core().accounts().require("dora").id();
        server.core().quota().freed(accountId, "r", 500); // simulate a lost update
        assertThat(stored()).isEqualTo(1500);
        var drifts = server.app().reconcile();
        assertThat(drifts).singleElement().satisfies(d -> assertThat(d.driftBytes()).isEqualTo(500));
        assertThat(stored()).isEqualTo(2000);
        var metrics = server.send(server.request("/metrics").build()).body();
        assertThat(metrics).contains("cairn_usage_drift_bytes 500.0");
    }

    @Test
    void trafficIsMeteredPerTenantPerDay() throws Exception {
        put(id(12), new byte[1234], false);
        get(id(12));
        get(id(12));
        long account = server.core().accounts().require("dora").id();
        // egress is counted when the server closes the object stream, which may be just after the client has the bytes
        for (int i = 0; i < 100; i++) {
            server.core().meter().flush();
            if (server.core().meter().days(account).getFirst().egressBytes() == 2468) {
                break;
            }
            Thread.sleep(20);
        }
        var days = server.core().meter().days(account);
        assertThat(days).singleElement().satisfies(d -> {
            assertThat(d.ingressBytes()).isEqualTo(1234);
            assertThat(d.egressBytes()).isEqualTo(2468);
            assertThat(d.requests()).isEqualTo(3);
            assertThat(d.storedBytes()).isEqualTo(1234);
        });
        assertThat(server.send(server.request("/metrics").build()).body())
                .contains("cairn_tenant_bytes_in_total{tenant=\"dora\"} 1234.0");
    }

    private HttpResponse<String> get(String id) throws Exception {
        return server.send(server.request("/api/v1/repos/r/objects/data/" + id)
                .header("Authorization", "Bearer " + token).build());
    }
}
