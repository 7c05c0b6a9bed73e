package dev.cairn.client;

import com.fasterxml.jackson.databind.JsonNode;

/** A device's API token as the server hands it out once (§12.1): the secret, its id, account, device name and scope. */
public record DeviceToken(String token, String tokenId, String account, String deviceName, String scope) {

    static DeviceToken of(JsonNode json) {
        return new DeviceToken(json.path("token").asText(), json.path("tokenId").asText(), json.path("account").asText(),
                json.path("deviceName").asText(), json.path("scope").asText());
    }

    @Override
    public String toString() {
        return "DeviceToken[" + account + ", " + deviceName + ", " + scope + "]"; // never the secret
    }
}
