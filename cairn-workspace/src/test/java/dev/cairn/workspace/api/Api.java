package dev.cairn.workspace.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.server.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * A caller of the workspace API over real HTTP with fixed headers (credentials, workspace). JSON bodies may use single
 * quotes for readability; they are turned into double quotes.
 */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private final TestServer server;
    private final List<String> headers;

    Api(TestServer server, String... headers) {
        this.server = server;
        this.headers = List.of(headers);
    }

    /** Bearer token credentials. */
    static Api bearer(TestServer server, String token) {
        return new Api(server, "Authorization", "Bearer " + token);
    }

    /** The same caller acting on another account's workspace. */
    Api in(String owner) {
        List<String> h = new ArrayList<>(headers);
        h.add("X-Cairn-Workspace");
        h.add(owner);
        return new Api(server, h.toArray(String[]::new));
    }

    Api with(String name, String value) {
        List<String> h = new ArrayList<>(headers);
        h.add(name);
        h.add(value);
        return new Api(server, h.toArray(String[]::new));
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    HttpResponse<String> post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").POST(body(json)));
    }

    HttpResponse<String> patch(String path, String json, String... extra) {
        var r = request(path).header("Content-Type", "application/json").method("PATCH", body(json));
        for (int i = 0; i < extra.length; i += 2) {
            r.header(extra[i], extra[i + 1]);
        }
        return send(r);
    }

    HttpResponse<String> put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").PUT(body(json)));
    }

    HttpResponse<String> delete(String path, String... extra) {
        var r = request(path).DELETE();
        for (int i = 0; i < extra.length; i += 2) {
            r.header(extra[i], extra[i + 1]);
        }
        return send(r);
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return server.send(request.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder request(String path) {
        var r = server.request("/api/v1/workspace" + path);
        for (int i = 0; i < headers.size(); i += 2) {
            r.header(headers.get(i), headers.get(i + 1));
        }
        return r;
    }

    private static HttpRequest.BodyPublisher body(String json) {
        return HttpRequest.BodyPublishers.ofString(json.replace('\'', '"'));
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
