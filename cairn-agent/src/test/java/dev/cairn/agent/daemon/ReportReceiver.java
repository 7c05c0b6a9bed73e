package dev.cairn.agent.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny local stand-in for the server's run-report endpoint ({@code POST /api/v1/runs}, docs/spec/http-api.md): records
 * each report once per runId (201 the first time, 200 after), answers {@link #status} instead when that is set, and
 * checks the bearer token.
 */
final class ReportReceiver implements AutoCloseable {
    final List<JsonNode> received = new CopyOnWriteArrayList<>();
    final Map<String, JsonNode> byRunId = new ConcurrentHashMap<>();
    volatile int status;
    private final HttpServer server;

    ReportReceiver(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/api/v1/runs", exchange -> {
            int code;
            if (!"Bearer test-token".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                code = 401;
            } else if (status != 0) {
                code = status;
            } else {
                JsonNode report = Outbox.JSON.readTree(exchange.getRequestBody());
                received.add(report);
                code = byRunId.putIfAbsent(report.path("runId").asText(), report) == null ? 201 : 200;
            }
            exchange.sendResponseHeaders(code, -1);
            exchange.close();
        });
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
