package dev.cairn.server;

import static dev.cairn.server.Calls.bearer;
import static dev.cairn.server.Calls.json;
import static dev.cairn.server.Problems.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.protocol.TokenScope;
import dev.cairn.testkit.MutableClock;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leases over HTTP (docs/spec/http-api.md section 12.4) on a server with a {@link MutableClock}: conflicts with
 * {@code holders} and {@code retryAfterSeconds}, expiry by the server's clock (a killed holder's lease stops blocking
 * within its TTL), renew after expiry is {@code lease-lost}, release, remove-all, scopes, and isolation.
 */
class LeaseTest {
    @TempDir
    Path dir;
    final MutableClock clock = MutableClock.at(Instant.parse("2026-12-01T10:00:00Z"));
    TestServer server;
    Calls api;
    String full;
    String append;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(dir, c -> c, clock);
        server.account("ann");
        api = new Calls(server);
        full = bearer(server.token("ann", TokenScope.FULL));
        append = bearer(server.token("ann", TokenScope.APPEND));
        assertThat(api.send("PUT", "/api/v1/repos/r", append, null).statusCode()).isEqualTo(204);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private HttpResponse<String> acquire(String auth, String mode, Integer ttl) throws Exception {
        return api.send("POST", "/api/v1/repos/r/leases", auth, "{\"mode\": \"" + mode + "\", \"holder\": \"ann@laptop "
                + "pid 1 (" + mode + ")\"" + (ttl == null ? "" : ", \"ttlSeconds\": " + ttl) + "}");
    }

    @Test
    void anExclusiveLeaseConflictsWithAnyLiveLeaseASharedOneOnlyWithAnExclusive() throws Exception {
        JsonNode shared = json(acquire(append, "shared", null), 201);
        assertThat(shared.get("ttlSeconds").asLong()).isEqualTo(120);
        assertThat(Instant.parse(shared.get("expiresAt").asText())).isEqualTo(clock.instant().plusSeconds(120));
        json(acquire(append, "shared", 60), 201);
        clock.advance(Duration.ofSeconds(10));
        HttpResponse<String> refused = acquire(full, "exclusive", null);
        JsonNode p = problem(refused, 409, "lease-conflict");
        assertThat(p.get("holders")).hasSize(2);
        assertThat(p.get("retryAfterSeconds").asLong()).isEqualTo(50);
        assertThat(refused.headers().firstValue("Retry-After")).contains("50");
        assertThat(api.send("DELETE", "/api/v1/repos/r/leases/" + shared.get("id").asText(), append, null)
                .statusCode()).isEqualTo(204);
        assertThat(json(api.send("GET", "/api/v1/repos/r/leases", append, null), 200)).hasSize(1);
    }

    @Test
    void aHolderThatStopsRenewingStopsBlockingWithinItsTtl() throws Exception {
        JsonNode held = json(acquire(full, "exclusive", 30), 201);
        problem(acquire(append, "shared", null), 409, "lease-conflict");
        clock.advance(Duration.ofSeconds(20));
        JsonNode renewed = json(api.send("PUT", "/api/v1/repos/r/leases/" + held.get("id").asText(), full, null), 200);
        assertThat(Instant.parse(renewed.get("expiresAt").asText())).isEqualTo(clock.instant().plusSeconds(30));
        clock.advance(Duration.ofSeconds(29));
        problem(acquire(append, "shared", null), 409, "lease-conflict");
        clock.advance(Duration.ofSeconds(1));
        json(acquire(append, "shared", null), 201);
        assertThat(json(api.send("GET", "/api/v1/repos/r/leases", append, null), 200)).hasSize(1);
        problem(api.send("PUT", "/api/v1/repos/r/leases/" + held.get("id").asText(), full, null), 410, "lease-lost");
    }

    @Test
    void releaseIsIdempotentAndRemoveAllNeedsAFullCredential() throws Exception {
        JsonNode one = json(acquire(append, "shared", null), 201);
        assertThat(api.send("DELETE", "/api/v1/repos/r/leases/" + one.get("id").asText(), append, null).statusCode())
                .isEqualTo(204);
        assertThat(api.send("DELETE", "/api/v1/repos/r/leases/" + one.get("id").asText(), append, null).statusCode())
                .isEqualTo(204);
        problem(api.send("PUT", "/api/v1/repos/r/leases/" + one.get("id").asText(), append, null), 410, "lease-lost");
        json(acquire(append, "shared", null), 201);
        json(acquire(append, "shared", null), 201);
        problem(api.send("DELETE", "/api/v1/repos/r/leases", append, null), 403, "append-only");
        assertThat(json(api.send("DELETE", "/api/v1/repos/r/leases", full, null), 200)).hasSize(2);
        assertThat(json(api.send("GET", "/api/v1/repos/r/leases", append, null), 200)).isEmpty();
        json(acquire(full, "exclusive", null), 201);
    }

    @Test
    void exclusiveLeasesNeedAFullCredentialAndBadRequestsAreRefused() throws Exception {
        problem(acquire(append, "exclusive", null), 403, "append-only");
        problem(acquire(bearer(server.token("ann", TokenScope.READ)), "exclusive", null), 403, "forbidden");
        json(acquire(TestServer.basic("ann", TestServer.password("ann")), "exclusive", null), 201);
        problem(acquire(full, "both", null), 400, "bad-request");
        problem(acquire(full, "shared", 9), 400, "bad-request");
        problem(acquire(full, "shared", 601), 400, "bad-request");
        problem(api.send("POST", "/api/v1/repos/r/leases", full, "{\"mode\": \"shared\", \"holder\": \"\"}"), 400,
                "bad-request");
        problem(api.send("POST", "/api/v1/repos/none/leases", full, "{\"mode\": \"shared\", \"holder\": \"x\"}"), 404,
                "not-found");
    }

    @Test
    void anotherAccountsRepositoryAndLeasesAreNotFoundOrLost() throws Exception {
        JsonNode annLease = json(acquire(full, "exclusive", null), 201);
        server.account("eve");
        String eve = bearer(server.token("eve", TokenScope.FULL));
        String id = annLease.get("id").asText();
        problem(api.send("GET", "/api/v1/repos/r/leases", eve, null), 404, "not-found");
        problem(api.send("POST", "/api/v1/repos/r/leases", eve, "{\"mode\": \"shared\", \"holder\": \"eve\"}"), 404,
                "not-found");
        problem(api.send("PUT", "/api/v1/repos/r/leases/" + id, eve, null), 404, "not-found");
        problem(api.send("DELETE", "/api/v1/repos/r/leases", eve, null), 404, "not-found");
        assertThat(api.send("PUT", "/api/v1/repos/e", eve, null).statusCode()).isEqualTo(204);
        problem(api.send("PUT", "/api/v1/repos/e/leases/" + id, eve, null), 410, "lease-lost");
        api.send("DELETE", "/api/v1/repos/e/leases/" + id, eve, null);
        assertThat(json(api.send("GET", "/api/v1/repos/r/leases", full, null), 200)).as("ann's lease is untouched")
                .hasSize(1);
    }
}
