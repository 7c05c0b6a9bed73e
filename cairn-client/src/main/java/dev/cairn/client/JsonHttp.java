package dev.cairn.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.blob.TransientBlobStoreException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;

/**
 * JSON requests to one server with one credential (a Bearer token, HTTP Basic, or none); error responses become the
 * exceptions of {@link Problems}. The credential is only ever put in the {@code Authorization} header. Thread-safe.
 */
final class JsonHttp {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client;
    private final ServerLocation server;
    private final String authorization;

    private JsonHttp(HttpClient client, ServerLocation server, String authorization) {
        this.client = Objects.requireNonNull(client, "client");
        this.server = Objects.requireNonNull(server, "server");
        this.authorization = authorization;
    }

    static JsonHttp bearer(HttpClient client, ServerLocation server, String token) {
        return new JsonHttp(client, server, "Bearer " + Objects.requireNonNull(token, "token"));
    }

    static JsonHttp basic(HttpClient client, ServerLocation server, String name, char[] password) {
        String pair = name + ":" + new String(password);
        return new JsonHttp(client, server, "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    static JsonHttp anonymous(HttpClient client, ServerLocation server) {
        return new JsonHttp(client, server, null);
    }

    ServerLocation server() {
        return server;
    }

    /** Sends {@code method path} with {@code body} (a JSON tree, or null for none); the response's JSON (missing if none). */
    JsonNode send(String method, String path, Object body, String what) throws IOException {
        HttpResponse<byte[]> r = raw(method, path, body, what);
        if (r.statusCode() >= 300) {
            throw Problems.toException(r.statusCode(), r.body(), r.headers().firstValue("Retry-After").orElse(null), null,
                    what, server.serverAddress());
        }
        return Problems.parse(r.body());
    }

    /** Sends and returns the response whatever its status (callers that read problem bodies themselves). */
    HttpResponse<byte[]> raw(String method, String path, Object body, String what) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.server().resolve(path.substring(1)))
                .timeout(Duration.ofSeconds(60)).header("Accept", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.net.ConnectException | java.net.http.HttpConnectTimeoutException | java.nio.channels.UnresolvedAddressException e) {
            throw new ServerUnreachableException(server.hostAndPort(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(what + " interrupted");
        } catch (IOException e) {
            throw new TransientBlobStoreException(NetworkErrors.failed(what, e, server.hostAndPort()), e);
        }
    }
}
