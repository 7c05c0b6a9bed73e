package dev.cairn.workspace.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.protocol.TokenScope;
import dev.cairn.server.TestServer;
import dev.cairn.server.fuzz.FuzzRequests;
import dev.cairn.workspace.WorkspaceServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/**
 * The workspace's parsers of query parameters and bodies, through a real server with the orders template and its
 * sample records: the record listing's {@code filter}, {@code sort}, {@code q}, {@code limit} and {@code offset}; report
 * specifications (filters, groups, aggregates, sorts) previewed in every format; and CSV and XLSX imports (dry runs,
 * with fuzzed {@code map} parameters). No request may answer 5xx. Inputs: {@code WorkspaceRequestFuzzTestInputs/<target>/}.
 */
class WorkspaceRequestFuzzTest {
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final List<String> TABLES = List.of("customers", "products", "orders", "order_lines", "invoices",
            "payments", "nope");
    private static final List<String> COLUMNS = List.of("id", "name", "email", "status", "order_date", "customer",
            "customer.name", "unit_price", "total", "active", "quantity", "vat_rate_percent", "created_at", "");
    private static final List<String> OPS = List.of("eq", "ne", "lt", "lte", "gt", "gte", "contains", "startswith", "equals",
            "empty", "notempty", "in", "between", "is", "drop");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;
    private static String auth;

    private static synchronized void start() {
        // the target talks to its own server on the loopback interface: not a request forgery
        BugDetectors.allowNetworkConnections((host, port) -> host.equals("127.0.0.1") || host.equals("localhost"));
        if (server != null) {
            return;
        }
        try {
            server = WorkspaceServer.start(dev.cairn.testkit.Directories.deleteAtExit(Files.createTempDirectory("cairn-workspace-fuzz")));
            String token = server.token("admin", TokenScope.FULL);
            auth = "Bearer " + token;
            var applied = server.send(server.request("/api/v1/workspace/templates/orders-and-billing?samples=true")
                    .header("Authorization", auth).POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(applied.statusCode()).as(applied.body()).isEqualTo(201);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String pick(FuzzedDataProvider data, List<String> known) {
        return data.consumeBoolean() ? known.get(data.consumeInt(0, known.size() - 1)) : data.consumeString(30);
    }

    private static void refusedOrServed(String method, String target, String type, byte[] body) throws IOException {
        FuzzRequests.Answer answer = FuzzRequests.send(server.app().port(), method, target, auth, null, type, body);
        assertThat(answer.status()).as("%s %s -> %s", method, target, answer.head()).isLessThan(500);
    }

    @FuzzTest(maxDuration = "5s")
    void recordListing(FuzzedDataProvider data) throws IOException {
        start();
        StringBuilder q = new StringBuilder();
        int filters = data.consumeInt(0, 3);
        for (int i = 0; i < filters; i++) {
            q.append("&filter=").append(FuzzRequests.encode(pick(data, COLUMNS) + ":" + pick(data, OPS) + ":"
                    + data.consumeString(40), "&#+"));
        }
        if (data.consumeBoolean()) {
            q.append("&sort=").append(FuzzRequests.encode((data.consumeBoolean() ? "-" : "") + pick(data, COLUMNS)
                    + (data.consumeBoolean() ? "," + data.consumeString(20) : ""), "&#+"));
        }
        if (data.consumeBoolean()) {
            q.append("&q=").append(FuzzRequests.encode(data.consumeString(40), "&#+"));
        }
        if (data.consumeBoolean()) {
            q.append("&limit=").append(FuzzRequests.encode(data.consumeString(12), "&#+"))
                    .append("&offset=").append(FuzzRequests.encode(data.consumeString(12), "&#+"));
        }
        // the table name percent-encoded as every HTTP client does: a raw line break would end the request line
        // itself (Jetty then answers 505 "HTTP/0.9 not supported", which no client can provoke by a table's name)
        refusedOrServed("GET", "/api/v1/workspace/tables/" + FuzzRequests.encode(pick(data, TABLES), "/?#")
                + "/records?x=1" + q,
                "text/plain", new byte[0]);
    }

    @FuzzTest(maxDuration = "5s")
    void reportPreview(FuzzedDataProvider data) throws IOException {
        start();
        String format = List.of("json", "csv", "html", "pdf", "xlsx").get(data.consumeInt(0, 4));
        byte[] body;
        if (data.consumeBoolean()) {
            body = data.consumeRemainingAsBytes();
        } else {
            ObjectNode spec = JSON.createObjectNode().put("name", data.consumeString(20))
                    .put("table", pick(data, TABLES));
            ArrayNode columns = spec.putArray("columns");
            for (int i = data.consumeInt(0, 3); i > 0; i--) {
                columns.add(pick(data, COLUMNS));
            }
            ArrayNode filters = spec.putArray("filters");
            for (int i = data.consumeInt(0, 2); i > 0; i--) {
                ObjectNode f = filters.addObject().put("column", pick(data, COLUMNS)).put("op", pick(data, OPS));
                switch (data.consumeInt(0, 3)) {
                    case 0 -> f.put("value", data.consumeString(30));
                    case 1 -> f.put("value", data.consumeLong());
                    case 2 -> f.putArray("values").add(data.consumeString(10)).add(data.consumeDouble());
                    default -> f.put("value", data.consumeBoolean());
                }
            }
            if (data.consumeBoolean()) {
                spec.putArray("groupBy").add(pick(data, COLUMNS));
                spec.putArray("aggregates").addObject()
                        .put("fn", pick(data, List.of("count", "sum", "avg", "min", "max")))
                        .put("column", pick(data, COLUMNS));
            }
            if (data.consumeBoolean()) {
                spec.putArray("sort").addObject().put("column", pick(data, COLUMNS)).put("desc", data.consumeBoolean());
            }
            if (data.consumeBoolean()) {
                spec.put("limit", data.consumeInt());
            }
            body = JSON.writeValueAsBytes(spec);
        }
        refusedOrServed("POST", "/api/v1/workspace/reports/preview?format=" + format, "application/json", body);
    }

    @FuzzTest(maxDuration = "5s")
    void importFile(FuzzedDataProvider data) throws IOException {
        start();
        String table = pick(data, TABLES);
        StringBuilder q = new StringBuilder("?dryRun=true");
        for (int i = data.consumeInt(0, 2); i > 0; i--) {
            q.append("&map=").append(FuzzRequests.encode(data.consumeString(20) + ":" + pick(data, COLUMNS), "&#+"));
        }
        if (data.consumeBoolean()) {
            q.append("&onlyValid=true");
        }
        boolean xlsx = data.consumeBoolean();
        byte[] body = xlsx ? data.consumeRemainingAsBytes()
                : data.consumeRemainingAsString().getBytes(StandardCharsets.UTF_8);
        refusedOrServed("POST", "/api/v1/workspace/tables/" + FuzzRequests.encode(table, "/?#") + "/import" + q,
                xlsx ? XLSX : "text/csv", body);
    }
}
