package dev.cairn.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** JSON and object requests to a {@link TestServer} with an {@code Authorization} value (or none). */
public record Calls(TestServer server) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code method path} with {@code auth} (null: none) and {@code body} (JSON if it starts with '{', else bytes). */
    public HttpResponse<String> send(String method, String path, String auth, String body) throws Exception {
        HttpRequest.Builder r = server.request(path);
        if (auth != null) {
            r.header("Authorization", auth);
        }
        if (body != null && (body.startsWith("{") || body.startsWith("["))) {
            r.header("Content-Type", "application/json");
        }
        return server.send(r.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    /** The body of {@code r} as JSON, after checking its status. */
    public static JsonNode json(HttpResponse<String> r, int status) {
        org.assertj.core.api.Assertions.assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        try {
            return JSON.readTree(r.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
