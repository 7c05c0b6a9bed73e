package dev.cairn.export.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.export.ExportFeature;
import dev.cairn.protocol.TokenScope;
import dev.cairn.server.TestServer;
import dev.cairn.workspace.WorkspaceFeature;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

/** A test server with the workspace and the export plugged in, and an owner with a full token and some records. */
final class ExportServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    final TestServer server;
    final String token;

    ExportServer(Path dir) throws IOException, InterruptedException {
        this.server = TestServer.start(dir, c -> c, List.of(new WorkspaceFeature(), new ExportFeature()));
        server.account("ann");
        this.token = server.token("ann", TokenScope.FULL);
        ok(send("POST", "/api/v1/workspace/tables", "{\"name\":\"customers\",\"columns\":[{\"name\":\"name\","
                + "\"type\":\"text\"},{\"name\":\"balance\",\"type\":\"money\"}]}", token));
        ok(send("POST", "/api/v1/workspace/tables/customers/records", "{\"name\":\"Zoë \\\"Ltd\\\"\",\"balance\":"
                + "{\"amount\":\"12.30\",\"currency\":\"EUR\"}}", token));
    }

    HttpResponse<String> send(String method, String path, String body, String bearer)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = server.request(path).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return server.send(b.build());
    }

    HttpResponse<byte[]> download(String path, String bearer, String range) throws IOException, InterruptedException {
        HttpRequest.Builder b = server.request(path).header("Authorization", "Bearer " + bearer);
        if (range != null) {
            b.header("Range", range);
        }
        return server.sendBytes(b.build());
    }

    JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    /** Waits for export {@code id} to end (done or failed) and returns it. */
    JsonNode awaitEnd(long id) throws Exception {
        for (int i = 0; i < 6000; i++) {
            for (JsonNode e : json(send("GET", ExportApi.EXPORTS, null, token)).get("exports")) {
                if (e.get("id").asLong() == id && !List.of("queued", "running").contains(e.get("status").asText())) {
                    return e;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("export " + id + " did not end");
    }

    private static void ok(HttpResponse<String> r) {
        if (r.statusCode() / 100 != 2) {
            throw new AssertionError(r.statusCode() + " " + r.body());
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
