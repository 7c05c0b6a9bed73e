package dev.cairn.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/** A pending device sign-in (§12.1): the code the user approves at {@code verificationUri}, and how to poll. */
public record DeviceAuthorization(String deviceCode, String userCode, String verificationUri, String verificationUriComplete,
                                  Duration expiresIn, Duration interval) {

    static DeviceAuthorization of(JsonNode json) {
        return new DeviceAuthorization(json.path("deviceCode").asText(), json.path("userCode").asText(),
                json.path("verificationUri").asText(), json.path("verificationUriComplete").asText(),
                Duration.ofSeconds(json.path("expiresIn").asLong(600)), Duration.ofSeconds(json.path("interval").asLong(5)));
    }

    @Override
    public String toString() {
        return "DeviceAuthorization[" + userCode + ", " + verificationUri + "]"; // never the device code
    }
}
