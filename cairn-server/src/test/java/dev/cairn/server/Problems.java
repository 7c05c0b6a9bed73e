package dev.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;

/** Assertions on problem responses ({@code application/problem+json}, RFC 9457) for HTTP tests. */
public final class Problems {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {
    }

    /** Asserts {@code r} is a problem with {@code status} and {@code code}; returns its body for further checks. */
    public static JsonNode problem(HttpResponse<String> r, int status, String code) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode p;
        try {
            p = JSON.readTree(r.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("not a JSON problem: " + r.body(), e);
        }
        assertThat(p.get("code").asText()).as(r.body()).isEqualTo(code);
        assertThat(p.has("detail")).as("a problem says what happened").isTrue();
        return p;
    }
}
