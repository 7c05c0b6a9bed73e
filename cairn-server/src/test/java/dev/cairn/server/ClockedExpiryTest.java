package dev.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.protocol.TokenScope;
import dev.cairn.server.quota.QuotaService;
import dev.cairn.testkit.MutableClock;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Expiry seen through HTTP on a server that runs on a {@link MutableClock}: API tokens, the delete grace period and the
 * quota reservations of a dead server process end exactly when the clock says, and not a moment before (share links:
 * cairn-workspace's {@code ClockedShareExpiryTest}).
 * No test sleeps; each advances the clock to just before and just after the limit.
 */
class ClockedExpiryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration GRACE = Duration.ofHours(1);
    @TempDir
    Path dir;
    final MutableClock clock = MutableClock.create();
    TestServer server;
    String token;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(dir, c -> c.withDeleteGrace(GRACE), clock);
        server.account("ann");
        token = server.token("ann", TokenScope.FULL);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void anApiTokenWorksUntilItsExpiryAndNotAfter() throws Exception {
        var created = send("POST", "/api/v1/account/tokens", token, "{\"name\": \"laptop\", \"scope\": \"read\", "
                + "\"expiresAt\": \"" + clock.instant().plus(Duration.ofHours(2)) + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String expiring = JSON.readTree(created.body()).get("token").asText();
        assertThat(send("GET", "/api/v1/repos", expiring, null).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofHours(2).minusMillis(1));
        assertThat(send("GET", "/api/v1/repos", expiring, null).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofMillis(1));
        var refused = send("GET", "/api/v1/repos", expiring, null);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(refused.body()).get("code").asText()).isEqualTo("token-expired");
        assertThat(send("GET", "/api/v1/repos", token, null).statusCode()).as("a token without expiry").isEqualTo(200);
    }

    @Test
    void aDeletedObjectIsGoneAtOnceButItsSpaceIsFreedOnlyAfterTheGracePeriod() throws Exception {
        String object = "/api/v1/repos/r/objects/data/" + "ab".repeat(32);
        assertThat(send("PUT", object, token, "x".repeat(1000)).statusCode()).isEqualTo(201);
        assertThat(storedBytes()).isEqualTo(1000);
        assertThat(send("DELETE", object, token, null).statusCode()).isEqualTo(204);
        assertThat(send("GET", object, token, null).statusCode()).isEqualTo(404);
        clock.advance(GRACE.minusSeconds(1));
        assertThat(server.core().objects().purgeDeleted(100)).as("purged within the grace period").isZero();
        assertThat(storedBytes()).as("still counted while recoverable").isEqualTo(1000);
        clock.advance(Duration.ofSeconds(1));
        assertThat(server.core().objects().purgeDeleted(100)).isEqualTo(1); // what the background job runs every minute
        assertThat(storedBytes()).isZero();
    }

    @Test
    void aDeadServersReservationsBlockTheQuotaUntilItsLeaseIsStale() throws Exception {
        long ann = server.core().accounts().require("ann").id();
        server.core().accounts().setQuota("ann", 1000L);
        QuotaService dead = new QuotaService(server.core().database().jdbi(), clock, "killed-server");
        dead.heartbeat();
        dead.reserve(ann, 800); // an upload in flight when that process was killed
        String object = "/api/v1/repos/r/objects/data/" + "cd".repeat(32);
        assertThat(send("PUT", object, token, "y".repeat(500)).statusCode()).as("800 + 500 > 1000").isEqualTo(507);
        clock.advance(Duration.ofMinutes(5));
        assertThat(server.app().reclaimAbandonedReservations()).as("5 minutes without a heartbeat: not stale yet").isZero();
        assertThat(send("PUT", object, token, "y".repeat(500)).statusCode()).isEqualTo(507);
        clock.advance(Duration.ofMillis(1));
        assertThat(server.app().reclaimAbandonedReservations()).isEqualTo(800);
        assertThat(send("PUT", object, token, "y".repeat(500)).statusCode()).isEqualTo(201);
    }

    private long storedBytes() throws Exception {
        var usage = send("GET", "/api/v1/account", token, null);
        assertThat(usage.statusCode()).isEqualTo(200);
        return JSON.readTree(usage.body()).get("usageBytes").asLong();
    }

    private HttpResponse<String> send(String method, String path, String bearer, String body) throws Exception {
        HttpRequest.Builder r = server.request(path).header("Authorization", "Bearer " + bearer);
        if (body != null && body.startsWith("{")) {
            r.header("Content-Type", "application/json");
        }
        return server.send(r.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
