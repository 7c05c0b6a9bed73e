package dev.cairn.server.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON body of an alert message, as the webhook receives it and the email is written from:
 * {@code {"alert", "state", "device", "message", "at", "account", "subject"}} ({@code state} {@code open},
 * {@code repeat} or {@code resolved}; {@code device} null for alerts not about a device). Stateless.
 */
final class Payloads {
    static final String OPEN = "open";
    static final String REPEAT = "repeat";
    static final String RESOLVED = "resolved";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Payloads() {
    }

    static String of(Incident incident, String state, String message, String account, Instant at) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("alert", incident.kind());
        body.put("state", state);
        body.put("device", incident.device());
        body.put("message", message);
        body.put("at", at.toString());
        body.put("account", account);
        body.put("subject", incident.subject());
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an alert as JSON", e);
        }
    }

    static JsonNode read(String payload) {
        try {
            return JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored alert payload is not JSON", e);
        }
    }
}
