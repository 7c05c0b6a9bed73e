package dev.cairn.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A lease the server granted on a repository (docs/spec/http-api.md §12.4): shared or exclusive, held by a
 * human-readable {@code holder} until {@code expiresAt} unless renewed.
 */
public record Lease(String id, String mode, String holder, Instant acquiredAt, Instant expiresAt, long ttlSeconds) {

    static Lease of(JsonNode json) {
        return new Lease(json.path("id").asText(), json.path("mode").asText(), json.path("holder").asText(),
                instant(json.path("acquiredAt")), instant(json.path("expiresAt")), json.path("ttlSeconds").asLong());
    }

    private static Instant instant(JsonNode node) {
        return node.isTextual() ? Instant.parse(node.asText()) : null;
    }

    public boolean exclusive() {
        return "exclusive".equals(mode);
    }

    /** One line for people: {@code exclusive lease of alice@laptop pid 42 (prune), until 2026-…}. */
    public String describe() {
        return mode + " lease of " + holder + " (since " + acquiredAt + ", until " + expiresAt + " unless renewed)";
    }
}
