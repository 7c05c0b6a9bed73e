package dev.cairn.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;

/**
 * Signing devices in and out of a server (docs/spec/http-api.md §12.1): the device-code flow ({@link #authorize},
 * {@link #poll}), the scripted sign-in with the account password ({@link #signIn}) and revoking one's own token
 * ({@link #revoke}). Thread-safe; holds no secret beyond the call.
 */
public final class DeviceClient {
    private final HttpClient client;
    private final ServerLocation server;

    public DeviceClient(HttpClient client, ServerLocation server) {
        this.client = client;
        this.server = server;
    }

    /** What one poll of the token endpoint found. */
    public sealed interface Poll {
        /** Approved: the device's token, handed out this once. */
        record Granted(DeviceToken token) implements Poll { }

        /** Not approved yet, or polled too fast ({@code slowDown}: add 5 s to the interval), keep polling. */
        record Pending(boolean slowDown) implements Poll { }

        /** The sign-in ended without a token: {@code access-denied} or {@code expired-token}, with the server's detail. */
        record Refused(String code, String detail) implements Poll { }
    }

    /** Starts a sign-in for a device named {@code deviceName}. */
    public DeviceAuthorization authorize(String deviceName) throws IOException {
        JsonNode body = JsonHttp.JSON.createObjectNode().put("deviceName", deviceName);
        return DeviceAuthorization.of(JsonHttp.anonymous(client, server).send("POST", "/api/v1/device/authorize", body,
                "start signing in to " + server.serverAddress()));
    }

    /** Asks once whether the sign-in of {@code deviceCode} was approved. */
    public Poll poll(String deviceCode) throws IOException {
        JsonNode body = JsonHttp.JSON.createObjectNode().put("deviceCode", deviceCode);
        HttpResponse<byte[]> r = JsonHttp.anonymous(client, server).raw("POST", "/api/v1/device/token", body,
                "sign in to " + server.serverAddress());
        if (r.statusCode() == 200) {
            return new Poll.Granted(DeviceToken.of(Problems.parse(r.body())));
        }
        JsonNode problem = Problems.parse(r.body());
        String code = problem.path("code").asText("");
        return switch (code) {
            case "authorization-pending" -> new Poll.Pending(false);
            case "slow-down" -> new Poll.Pending(true);
            case "access-denied", "expired-token" -> new Poll.Refused(code, problem.path("detail").asText(code));
            default -> throw Problems.toException(r.statusCode(), r.body(), r.headers().firstValue("Retry-After").orElse(null),
                    null, "sign in to " + server.serverAddress(), server.serverAddress());
        };
    }

    /** Signs a device in with the account's name and password (the scripted sign-in); scope {@code read|append|full}. */
    public DeviceToken signIn(String account, char[] password, String deviceName, String scope) throws IOException {
        JsonNode body = JsonHttp.JSON.createObjectNode().put("name", deviceName).put("scope", scope);
        HttpResponse<byte[]> r = JsonHttp.basic(client, server, account, password).raw("POST", "/api/v1/devices", body,
                "sign in to " + server.serverAddress());
        if (r.statusCode() == 401) {
            throw new ServerProblemException(401, "unauthenticated", "the server did not accept the name and password "
                    + "of " + account + " (or too many attempts: wait a few minutes)");
        }
        if (r.statusCode() >= 300) {
            throw Problems.toException(r.statusCode(), r.body(), null, null, "sign in to " + server.serverAddress(),
                    server.serverAddress());
        }
        return DeviceToken.of(Problems.parse(r.body()));
    }

    /** Revokes {@code token} on the server (sign-out). */
    public void revoke(String token) throws IOException {
        JsonHttp.bearer(client, server, token).send("DELETE", "/api/v1/device", null, "sign out of " + server.serverAddress());
    }
}
