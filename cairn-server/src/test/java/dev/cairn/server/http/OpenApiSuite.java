package dev.cairn.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.server.TestServer;
import dev.cairn.server.feature.Feature;
import java.net.http.HttpResponse;
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
 * every property name in a schema is camelCase (the API's one JSON naming convention), every operation says what its
 * success responses and request body carry (a schema per media type; only 204, HEAD and answers marked
 * {@code x-empty-body} have no body), every
 * {@code $ref} resolves, and the JSON the server actually answers fits the documented schema. Subclasses pick the
 * features.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class OpenApiSuite {
    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");
    private static final Pattern CAMEL = Pattern.compile("[a-z][a-zA-Z0-9]*");
    TestServer server;
    JsonNode doc;
    private final List<Answer> answers = new ArrayList<>();

    /** A live answer {@link #fill} recorded, to check against the document. */
    private record Answer(String method, String path, int status, String contentType, String body) {
    }

    /** The features plugged into the server under test. */
    protected abstract List<Feature> features();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        server = TestServer.start(dir.resolve("server"), c -> c, features());
        fill(server);
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

    /** Gives the administrator data for the GET answers to show (runs before the checks); none by default. */
    protected void fill(TestServer server) throws Exception {
    }

    /**
     * Records the answer {@code r} to {@code method} on the documented {@code path} (its template, e.g.
     * {@code /api/v1/things/{id}}), for {@link #recordedAnswersFitTheirSchemas}: the answers the GET walk does not
     * request (routes with path parameters, other methods, answers that need data made first). Call from {@link #fill}.
     */
    protected final void answered(String method, String path, HttpResponse<String> r) {
        answers.add(new Answer(method.toLowerCase(Locale.ROOT), path, r.statusCode(),
                r.headers().firstValue("Content-Type").orElse(""), r.body()));
    }

    /**
     * Whether the operations under {@code path} must describe their bodies with schemas; a subclass names the parts
     * whose bodies are not described yet.
     */
    protected boolean describesBodies(String path) {
        return true;
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
     * property names are camelCase (the document could say camelCase while a handler writes snake_case), and the answer
     * fits the schema the document gives for it.
     */
    @Test
    void everyJsonAnswerIsCamelCase() throws Exception {
        List<String> bad = new ArrayList<>();
        List<String> misfits = new ArrayList<>();
        int checked = 0;
        Set<String> called = new HashSet<>();
        for (String[] route : apiRoutes()) {
            if (!route[0].equals("get") || route[1].contains("{") || !route[1].startsWith("/api/")
                    || !called.add(route[1])) { // a GET route and its HEAD twin: called once
                continue;
            }
            var r = server.send(server.request(route[1]).header("Authorization", TestServer.basic("admin",
                    TestServer.ADMIN_PASSWORD)).GET().build());
            String type = r.headers().firstValue("Content-Type").orElse("");
            if (r.statusCode() != 200 || !type.contains("json") || route[1].equals("/api/openapi.json")) {
                continue;
            }
            checked++;
            JsonNode body = new ObjectMapper().readTree(r.body());
            keys(body, route[1], bad);
            JsonNode schema = doc.path("paths").path(route[1]).path("get").path("responses").path("200")
                    .path("content").path("application/json").path("schema");
            if (describesBodies(route[1])) {
                assertThat(schema.isMissingNode()).as("schema of GET %s", route[1]).isFalse();
                misfits.addAll(new SchemaCheck(doc).check(body, schema).stream().map(m -> "GET " + route[1] + " "
                        + m).toList());
            }
        }
        assertThat(checked).as("JSON answers checked").isGreaterThan(5);
        assertThat(bad).as("JSON property names that are not camelCase").isEmpty();
        assertThat(misfits).as("JSON answers that do not fit their documented schema").isEmpty();
    }

    /**
     * Every answer {@link #fill} recorded: its status is documented for its operation, its JSON property names are
     * camelCase, and its body fits the schema documented for that status.
     */
    @Test
    void recordedAnswersFitTheirSchemas() throws Exception {
        List<String> misfits = new ArrayList<>();
        for (Answer a : answers) {
            String where = a.method().toUpperCase(Locale.ROOT) + " " + a.path() + " " + a.status();
            JsonNode response = doc.path("paths").path(a.path()).path(a.method()).path("responses")
                    .path(String.valueOf(a.status()));
            if (response.isMissingNode()) {
                misfits.add(where + ": status not documented (" + a.body() + ")");
                continue;
            }
            if (!a.contentType().contains("json")) {
                continue;
            }
            JsonNode schema = response.path("content").path("application/json").path("schema");
            JsonNode body = new ObjectMapper().readTree(a.body());
            keys(body, where, misfits);
            if (schema.isMissingNode()) {
                misfits.add(where + ": no application/json schema");
            } else {
                new SchemaCheck(doc).check(body, schema).forEach(m -> misfits.add(where + " " + m));
            }
        }
        assertThat(misfits).as("recorded answers that do not fit the document").isEmpty();
    }

    @Test
    void everyOperationDescribesItsBodies() {
        Set<String> missing = new TreeSet<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String method = op.getKey();
            if (method.equals("parameters") || !describesBodies(path.getKey())) {
                return;
            }
            String where = method.toUpperCase(Locale.ROOT) + " " + path.getKey();
            boolean success = false;
            for (var r : (Iterable<java.util.Map.Entry<String, JsonNode>>) op.getValue().path("responses")::fields) {
                if (!r.getKey().startsWith("2")) {
                    continue;
                }
                success = true;
                if (!r.getKey().matches("2\\d\\d")) {
                    missing.add(where + ": success status " + r.getKey() + " is not one status");
                } else if (!r.getKey().equals("204") && !method.equals("head")
                        && !r.getValue().path("x-empty-body").asBoolean()
                        && !hasSchemas(r.getValue().path("content"))) {
                    missing.add(where + ": " + r.getKey() + " without a schema for its body");
                }
            }
            if (!success) {
                missing.add(where + ": no success response");
            }
            JsonNode body = op.getValue().path("requestBody");
            if (!body.isMissingNode() && !hasSchemas(body.path("content"))) {
                missing.add(where + ": request body without a schema");
            }
        }));
        assertThat(missing).as("operations whose bodies the document does not describe").isEmpty();
    }

    private static boolean hasSchemas(JsonNode content) {
        if (content.isEmpty()) {
            return false;
        }
        for (JsonNode media : content) {
            if (!media.has("schema")) {
                return false;
            }
        }
        return true;
    }

    @Test
    void everyReferenceResolves() {
        SchemaCheck check = new SchemaCheck(doc);
        List<String> broken = new ArrayList<>();
        refs(doc, check, broken);
        assertThat(broken).as("$refs that name nothing").isEmpty();
    }

    private static void refs(JsonNode node, SchemaCheck check, List<String> broken) {
        if (node.isObject()) {
            if (node.has("$ref") && check.resolve(node.get("$ref").asText()).isMissingNode()) {
                broken.add(node.get("$ref").asText());
            }
            node.forEach(n -> refs(n, check, broken));
        } else if (node.isArray()) {
            node.forEach(n -> refs(n, check, broken));
        }
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
