package dev.cairn.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.server.TestServer;
import dev.cairn.server.feature.Feature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document at {@code /api/openapi.json} against the route table Javalin registered, for a server with
 * {@link #features()}: every API route (under {@code /api/}, the operations endpoints and the restic REST patterns) has
 * its operation, every documented operation has its route, every path parameter is declared, operation ids are unique,
 * and every property name in a schema is camelCase (the API's one JSON naming convention). Subclasses pick the features.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class OpenApiSuite {
    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");
    private static final Pattern CAMEL = Pattern.compile("[a-z][a-zA-Z0-9]*");
    TestServer server;
    JsonNode doc;

    /** The features plugged into the server under test. */
    protected abstract List<Feature> features();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        server = TestServer.start(dir.resolve("server"), c -> c, features());
        var r = server.send(server.request("/api/openapi.json").GET().build());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/json"));
        doc = new ObjectMapper().readTree(r.body());
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    /** API routes: not the web UI's pages. */
    static boolean isApi(String path) {
        return path.startsWith("/api/") || path.equals("/healthz") || path.equals("/readyz")
                || path.equals("/metrics") || path.startsWith("/{account}/{repo}");
    }

    private List<String[]> apiRoutes() {
        List<String[]> routes = new ArrayList<>();
        Set<String> gets = new HashSet<>();
        for (var r : server.app().http().registeredRoutes()) {
            if (isApi(r.path()) && r.method().equals("GET")) {
                gets.add(r.path());
            }
        }
        for (var r : server.app().http().registeredRoutes()) {
            if (!isApi(r.path())) {
                continue;
            }
            String method = r.method().toLowerCase(Locale.ROOT);
            if (method.equals("head") && gets.contains(r.path()) && !doc.path("paths").path(r.path()).has("head")) {
                method = "get"; // Javalin's HEAD twin of a GET route: documented by the GET
            }
            routes.add(new String[] {method, r.path()});
        }
        return routes;
    }

    @Test
    void isOpenApi31() {
        assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(doc.path("info").path("title").asText()).isNotBlank();
        assertThat(doc.path("info").path("version").asText()).isNotBlank();
    }

    @Test
    void everyApiRouteIsDocumented() {
        Set<String> missing = new TreeSet<>();
        for (String[] route : apiRoutes()) {
            JsonNode op = doc.path("paths").path(route[1]).path(route[0]);
            if (op.isMissingNode() || op.path("summary").asText().isBlank()
                    || op.path("responses").isEmpty()) {
                missing.add(route[0].toUpperCase(Locale.ROOT) + " " + route[1]);
            }
        }
        assertThat(missing).as("routes without an operation (summary and responses) in the OpenAPI document")
                .isEmpty();
    }

    @Test
    void everyDocumentedOperationHasItsRoute() {
        Set<String> routes = new HashSet<>();
        apiRoutes().forEach(r -> routes.add(r[0] + " " + r[1]));
        Set<String> stale = new TreeSet<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (!method.equals("parameters") && !routes.contains(method + " " + path.getKey())) {
                stale.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        assertThat(stale).as("documented operations that no route serves").isEmpty();
    }

    @Test
    void pathParametersAreDeclaredAndOperationIdsUnique() {
        Set<String> ids = new HashSet<>();
        doc.path("paths").fields().forEachRemaining(path -> {
            Set<String> declared = new HashSet<>();
            path.getValue().path("parameters").forEach(p -> {
                if (p.path("in").asText().equals("path")) {
                    declared.add(p.path("name").asText());
                }
            });
            Matcher m = PARAM.matcher(path.getKey());
            while (m.find()) {
                assertThat(declared).as("path parameter {%s} of %s", m.group(1), path.getKey()).contains(m.group(1));
            }
            path.getValue().fields().forEachRemaining(op -> {
                if (!op.getKey().equals("parameters")) {
                    String id = op.getValue().path("operationId").asText();
                    assertThat(id).as("operationId of %s %s", op.getKey(), path.getKey()).isNotBlank();
                    assertThat(ids.add(id)).as("operationId %s is unique", id).isTrue();
                }
            });
        });
    }

    /**
     * Every API GET route without path parameters, called as the administrator with the password: each JSON answer's
     * property names are camelCase (the document could say camelCase while a handler writes snake_case).
     */
    @Test
    void everyJsonAnswerIsCamelCase() throws Exception {
        List<String> bad = new ArrayList<>();
        int checked = 0;
        for (String[] route : apiRoutes()) {
            if (!route[0].equals("get") || route[1].contains("{") || !route[1].startsWith("/api/")) {
                continue;
            }
            var r = server.send(server.request(route[1]).header("Authorization", TestServer.basic("admin",
                    TestServer.ADMIN_PASSWORD)).GET().build());
            String type = r.headers().firstValue("Content-Type").orElse("");
            if (r.statusCode() != 200 || !type.contains("json") || route[1].equals("/api/openapi.json")) {
                continue;
            }
            checked++;
            keys(new ObjectMapper().readTree(r.body()), route[1], bad);
        }
        assertThat(checked).as("JSON answers checked").isGreaterThan(5);
        assertThat(bad).as("JSON property names that are not camelCase").isEmpty();
    }

    private static void keys(JsonNode node, String where, List<String> bad) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (!CAMEL.matcher(e.getKey()).matches()) {
                    bad.add(where + ": " + e.getKey());
                }
                keys(e.getValue(), where, bad);
            });
        } else if (node.isArray()) {
            node.forEach(n -> keys(n, where, bad));
        }
    }

    @Test
    void schemaPropertiesAreCamelCase() {
        List<String> bad = new ArrayList<>();
        walk(doc, "", bad);
        assertThat(bad).as("property names that are not camelCase").isEmpty();
    }

    private static void walk(JsonNode node, String where, List<String> bad) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("properties") && e.getValue().isObject()) {
                    e.getValue().fieldNames().forEachRemaining(name -> {
                        if (!CAMEL.matcher(name).matches()) {
                            bad.add(where + ": " + name);
                        }
                    });
                }
                walk(e.getValue(), where + "/" + e.getKey(), bad);
            });
        } else if (node.isArray()) {
            node.forEach(n -> walk(n, where, bad));
        }
    }
}
