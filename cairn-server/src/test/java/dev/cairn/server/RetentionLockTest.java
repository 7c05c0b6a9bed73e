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
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deletes (docs/spec/http-api.md sections 12.2 and 12.3) on both protocols: append tokens get {@code append-only};
 * under a retention lock every credential gets {@code retention-locked} until the object's arrival plus the lock, on
 * the server's clock (a {@link MutableClock} started at the real time, since arrival times are the store's); lowering
 * a lock needs the password; the server default applies to repositories without their own; arrival times are listed
 * and sent as {@code Last-Modified}.
 */
class RetentionLockTest {
    private static final String PACK = "ab".repeat(32);
    @TempDir
    Path dir;
    final MutableClock clock = MutableClock.at(Instant.now());
    TestServer server;
    Calls api;
    String full;
    String append;
    String password;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(dir, c -> c, clock);
        server.account("ann");
        api = new Calls(server);
        full = bearer(server.token("ann", TokenScope.FULL));
        append = bearer(server.token("ann", TokenScope.APPEND));
        password = TestServer.basic("ann", TestServer.password("ann"));
        assertThat(api.send("PUT", native_(PACK), append, "a pack").statusCode()).isEqualTo(201);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private static String native_(String id) {
        return "/api/v1/repos/r/objects/data/" + id;
    }

    private static String restic(String id) {
        return "/ann/r/data/" + id;
    }

    @Test
    void appendTokensMayDeleteLocksButNothingElseOnBothProtocols() throws Exception {
        JsonNode p = problem(api.send("DELETE", native_(PACK), append, null), 403, "append-only");
        assertThat(p.get("detail").asText()).contains("forget and prune need a 'full' token or the account password");
        problem(api.send("DELETE", restic(PACK), append, null), 403, "append-only");
        problem(api.send("DELETE", "/ann/r/config", append, null), 403, "append-only");
        String lock = "/api/v1/repos/r/objects/locks/" + "cd".repeat(32);
        assertThat(api.send("PUT", lock, append, "lock").statusCode()).isEqualTo(201);
        assertThat(api.send("DELETE", lock, append, null).statusCode()).isEqualTo(204);
        assertThat(api.send("GET", native_(PACK), full, null).statusCode()).as("nothing deleted").isEqualTo(200);
    }

    @Test
    void underALockNoCredentialDeletesUntilTheArrivalPlusTheLock() throws Exception {
        json(api.send("PUT", "/api/v1/repos/r/retention", full, "{\"lockDays\": 7}"), 200);
        Instant arrived = arrival();
        for (String auth : new String[] {full, password}) {
            JsonNode p = problem(api.send("DELETE", native_(PACK), auth, null), 403, "retention-locked");
            assertThat(Instant.parse(p.get("retainedUntil").asText())).isEqualTo(arrived.plus(Duration.ofDays(7)));
            problem(api.send("DELETE", restic(PACK), auth, null), 403, "retention-locked");
        }
        clock.advance(Duration.between(clock.instant(), arrived.plus(Duration.ofDays(7))).minusSeconds(1));
        problem(api.send("DELETE", restic(PACK), password, null), 403, "retention-locked");
        clock.advance(Duration.ofSeconds(1));
        assertThat(api.send("DELETE", restic(PACK), password, null).statusCode()).isEqualTo(200);
        String lock = "/api/v1/repos/r/objects/locks/" + "cd".repeat(32);
        assertThat(api.send("PUT", lock, append, "lock").statusCode()).isEqualTo(201);
        assertThat(api.send("DELETE", lock, append, null).statusCode()).as("locks are never retained").isEqualTo(204);
    }

    @Test
    void loweringTheLockNeedsThePasswordRaisingItDoesNot() throws Exception {
        JsonNode set = json(api.send("PUT", "/api/v1/repos/r/retention", full, "{\"lockDays\": 30}"), 200);
        assertThat(set.get("source").asText()).isEqualTo("repository");
        problem(api.send("PUT", "/api/v1/repos/r/retention", full, "{\"lockDays\": 1}"), 403, "password-required");
        problem(api.send("PUT", "/api/v1/repos/r/retention", full, "{\"lockDays\": 0, \"currentPassword\": \"wrong\"}"),
                401, "unauthenticated");
        assertThat(json(api.send("GET", "/api/v1/repos/r/retention", append, null), 200).get("lockDays").asInt())
                .isEqualTo(30);
        JsonNode cleared = json(api.send("PUT", "/api/v1/repos/r/retention", full, "{\"lockDays\": 0, "
                + "\"currentPassword\": \"" + TestServer.password("ann") + "\"}"), 200);
        assertThat(cleared.get("source").asText()).isEqualTo("none");
        assertThat(api.send("DELETE", native_(PACK), full, null).statusCode()).isEqualTo(204);
        problem(api.send("PUT", "/api/v1/repos/r/retention", append, "{\"lockDays\": 5}"), 403, "forbidden");
        problem(api.send("PUT", "/api/v1/repos/r/retention", full, "{\"lockDays\": 3651}"), 400, "bad-request");
    }

    @Test
    void wrongPasswordsForLoweringAreThrottledLikeLogins() throws Exception {
        json(api.send("PUT", "/api/v1/repos/r/retention", full, "{\"lockDays\": 30}"), 200);
        for (int i = 0; i < 5; i++) {
            problem(api.send("PUT", "/api/v1/repos/r/retention", full, "{\"lockDays\": 0, \"currentPassword\": \"x\"}"),
                    401, "unauthenticated");
        }
        problem(api.send("PUT", "/api/v1/repos/r/retention", full, "{\"lockDays\": 0, \"currentPassword\": \""
                + TestServer.password("ann") + "\"}"), 429, "too-many-requests");
    }

    @Test
    void theServerDefaultAppliesToRepositoriesWithoutTheirOwnLock() throws Exception {
        String admin = TestServer.basic("admin", TestServer.ADMIN_PASSWORD);
        JsonNode settings = json(api.send("PUT", "/api/v1/admin/settings", admin, "{\"retentionLockDays\": 3}"), 200);
        assertThat(settings.get("retentionLockDays").asInt()).isEqualTo(3);
        JsonNode lock = json(api.send("GET", "/api/v1/repos/r/retention", full, null), 200);
        assertThat(lock.get("source").asText()).isEqualTo("server-default");
        assertThat(lock.get("serverDefaultDays").asInt()).isEqualTo(3);
        problem(api.send("DELETE", native_(PACK), full, null), 403, "retention-locked");
        problem(api.send("PUT", "/api/v1/admin/settings", full, "{\"retentionLockDays\": 0}"), 403, "forbidden");
        problem(api.send("DELETE", "/api/v1/account", full, null), 403, "password-required");
    }

    @Test
    void arrivalTimesAreListedAndSentAsLastModifiedInWholeSeconds() throws Exception {
        Instant arrived = arrival();
        assertThat(arrived.getNano()).isZero();
        HttpResponse<String> head = api.send("HEAD", restic(PACK), full, null);
        assertThat(ZonedDateTime.parse(head.headers().firstValue("Last-Modified").orElseThrow(),
                DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()).isEqualTo(arrived);
        HttpResponse<String> get = api.send("GET", native_(PACK), full, null);
        assertThat(get.headers().firstValue("Last-Modified")).isEqualTo(head.headers().firstValue("Last-Modified"));
        assertThat(Instant.now().minusSeconds(60)).isBefore(arrived);
    }

    @Test
    void anotherAccountsRepositoryIsNotFound() throws Exception {
        server.account("eve");
        String eve = bearer(server.token("eve", TokenScope.FULL));
        problem(api.send("GET", "/api/v1/repos/r/retention", eve, null), 404, "not-found");
        problem(api.send("PUT", "/api/v1/repos/r/retention", eve, "{\"lockDays\": 1}"), 404, "not-found");
    }

    private Instant arrival() throws Exception {
        JsonNode list = json(api.send("GET", "/api/v1/repos/r/objects/data", full, null), 200);
        return Instant.parse(list.get(0).get("storedAt").asText());
    }
}
