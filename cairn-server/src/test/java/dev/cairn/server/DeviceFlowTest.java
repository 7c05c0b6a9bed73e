package dev.cairn.server;

import static dev.cairn.server.Calls.bearer;
import static dev.cairn.server.Calls.json;
import static dev.cairn.server.Problems.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.protocol.TokenScope;
import dev.cairn.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Device sign-in over HTTP (docs/spec/http-api.md section 12.1) on a server with a {@link MutableClock}: the device
 * flow (pending, slow-down, approved once, then expired-token; denied; expired), the scripted sign-in, the device list
 * with last seen and last backup, and sign-out both ways. The approval here goes through the service (the browser test
 * approves through the page).
 */
class DeviceFlowTest {
    @TempDir
    Path dir;
    final MutableClock clock = MutableClock.at(Instant.parse("2026-12-01T10:00:00Z"));
    TestServer server;
    Calls api;
    long ann;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(dir, c -> c, clock);
        ann = server.account("ann").id();
        api = new Calls(server);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private JsonNode authorize(String body) throws Exception {
        return json(api.send("POST", "/api/v1/device/authorize", null, body), 200);
    }

    private java.net.http.HttpResponse<String> poll(String deviceCode) throws Exception {
        return api.send("POST", "/api/v1/device/token", null, "{\"deviceCode\": \"" + deviceCode + "\"}");
    }

    @Test
    void aDeviceGetsItsTokenOnceAfterApprovalAndNotBefore() throws Exception {
        JsonNode auth = authorize("{\"deviceName\": \"laptop\"}");
        String userCode = auth.get("userCode").asText();
        assertThat(userCode).matches("[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}");
        assertThat(auth.get("verificationUri").asText()).isEqualTo(server.uri("/device").toString());
        assertThat(auth.get("verificationUriComplete").asText()).endsWith("/device?code=" + userCode);
        assertThat(auth.get("expiresIn").asLong()).isEqualTo(600);
        assertThat(auth.get("interval").asLong()).isEqualTo(5);
        String deviceCode = auth.get("deviceCode").asText();
        long plain = server.core().database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM device_codes "
                + "WHERE code_hash = :c").bind("c", deviceCode).mapTo(Long.class).one());
        assertThat(plain).as("stored hashed").isZero();

        problem(poll(deviceCode), 400, "authorization-pending");
        clock.advance(Duration.ofSeconds(4));
        problem(poll(deviceCode), 400, "slow-down");
        clock.advance(Duration.ofSeconds(5));
        problem(poll(deviceCode), 400, "authorization-pending");

        server.core().devices().approve(userCode.toLowerCase().replace("-", " "), ann, null);
        JsonNode token = json(poll(deviceCode), 200);
        assertThat(token.get("account").asText()).isEqualTo("ann");
        assertThat(token.get("deviceName").asText()).isEqualTo("laptop");
        assertThat(token.get("scope").asText()).isEqualTo("append");
        assertThat(token.get("tokenId").asLong()).isPositive();
        problem(poll(deviceCode), 400, "expired-token");

        String secret = token.get("token").asText();
        assertThat(api.send("GET", "/api/v1/repos", bearer(secret), null).statusCode()).isEqualTo(200);
        problem(api.send("DELETE", "/api/v1/repos/r/objects/data/" + "ab".repeat(32), bearer(secret), null), 403,
                "append-only");
    }

    @Test
    void aDeniedSignInGetsAccessDeniedAndNoToken() throws Exception {
        JsonNode auth = authorize(null);
        server.core().devices().deny(auth.get("userCode").asText(), ann);
        problem(poll(auth.get("deviceCode").asText()), 400, "access-denied");
        assertThat(server.core().devices().list(ann)).isEmpty();
    }

    @Test
    void aCodeExpiresAfterTenMinutes() throws Exception {
        JsonNode auth = authorize("{}");
        String userCode = auth.get("userCode").asText();
        clock.advance(Duration.ofSeconds(599));
        assertThat(server.core().devices().pending(userCode)).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(server.core().devices().pending(userCode)).isEmpty();
        problem(poll(auth.get("deviceCode").asText()), 400, "expired-token");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> server.core().devices().approve(userCode, ann, null))
                .hasMessageContaining("no sign-in is waiting");
    }

    @Test
    void unknownCodesAndTooManyAuthorizationsAreThrottledPerAddress() throws Exception {
        for (int i = 0; i < 30; i++) {
            problem(poll("unknown-" + i), 400, "expired-token");
        }
        problem(poll("unknown-31"), 429, "too-many-requests");
        for (int i = 0; i < 30; i++) {
            authorize(null);
        }
        var refused = api.send("POST", "/api/v1/device/authorize", null, null);
        problem(refused, 429, "too-many-requests");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void badDeviceNamesAreRefused() throws Exception {
        problem(api.send("POST", "/api/v1/device/authorize", null, "{\"deviceName\": \"\"}"), 400, "bad-request");
        problem(api.send("POST", "/api/v1/device/authorize", null, "{\"deviceName\": \"" + "x".repeat(101) + "\"}"),
                400, "bad-request");
    }

    @Test
    void theScriptedSignInListsTheDeviceWithItsLastUseAndLastBackup() throws Exception {
        String password = TestServer.basic("ann", TestServer.password("ann"));
        JsonNode created = json(api.send("POST", "/api/v1/devices", password, "{\"name\": \"nas\"}"), 201);
        assertThat(created.get("scope").asText()).isEqualTo("append");
        assertThat(created.get("account").asText()).isEqualTo("ann");
        String secret = created.get("token").asText();
        JsonNode listed = json(api.send("GET", "/api/v1/account/devices", password, null), 200);
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("name").asText()).isEqualTo("nas");
        assertThat(listed.get(0).get("lastSeenAt").isNull()).isTrue();
        assertThat(listed.get(0).get("lastBackupAt").isNull()).isTrue();

        clock.advance(Duration.ofMinutes(2));
        String snapshot = "/api/v1/repos/r/objects/snapshots/" + "cd".repeat(32);
        assertThat(api.send("PUT", "/api/v1/repos/r/objects/data/" + "ab".repeat(32), bearer(secret), "pack")
                .statusCode()).isEqualTo(201);
        JsonNode afterData = json(api.send("GET", "/api/v1/account/devices", password, null), 200).get(0);
        assertThat(afterData.get("lastSeenAt").asText()).isEqualTo(clock.instant().toString());
        assertThat(afterData.get("lastBackupAt").isNull()).as("a data object is no backup yet").isTrue();
        assertThat(api.send("PUT", snapshot, bearer(secret), "snap").statusCode()).isEqualTo(201);
        JsonNode afterSnapshot = json(api.send("GET", "/api/v1/account/devices", password, null), 200).get(0);
        assertThat(afterSnapshot.get("lastBackupAt").asText()).isEqualTo(clock.instant().toString());
    }

    @Test
    void aRevokedDeviceAndASignedOutTokenAreRefused() throws Exception {
        String password = TestServer.basic("ann", TestServer.password("ann"));
        JsonNode one = json(api.send("POST", "/api/v1/devices", password, "{\"name\": \"one\"}"), 201);
        JsonNode two = json(api.send("POST", "/api/v1/devices", password, "{\"name\": \"two\", \"scope\": \"full\"}"), 201);
        assertThat(api.send("DELETE", "/api/v1/account/devices/" + one.get("tokenId").asLong(), password, null)
                .statusCode()).isEqualTo(204);
        problem(api.send("GET", "/api/v1/repos", bearer(one.get("token").asText()), null), 401, "token-revoked");
        assertThat(api.send("DELETE", "/api/v1/device", bearer(two.get("token").asText()), null).statusCode())
                .isEqualTo(204);
        problem(api.send("GET", "/api/v1/repos", bearer(two.get("token").asText()), null), 401, "token-revoked");
        assertThat(json(api.send("GET", "/api/v1/account/devices", password, null), 200)).isEmpty();
    }

    @Test
    void devicesOfAnotherAccountAreNotFound() throws Exception {
        server.account("eve");
        String annPassword = TestServer.basic("ann", TestServer.password("ann"));
        JsonNode annDevice = json(api.send("POST", "/api/v1/devices", annPassword, "{\"name\": \"ann's\"}"), 201);
        String eve = bearer(server.token("eve", TokenScope.FULL));
        problem(api.send("DELETE", "/api/v1/account/devices/" + annDevice.get("tokenId").asLong(), eve, null), 404,
                "not-found");
        assertThat(json(api.send("GET", "/api/v1/account/devices", eve, null), 200)).isEmpty();
        assertThat(api.send("GET", "/api/v1/repos", bearer(annDevice.get("token").asText()), null).statusCode())
                .as("ann's device still works").isEqualTo(200);
        problem(api.send("POST", "/api/v1/devices", bearer(server.token("eve", TokenScope.APPEND)),
                "{\"name\": \"x\"}"), 403, "forbidden");
    }
}
