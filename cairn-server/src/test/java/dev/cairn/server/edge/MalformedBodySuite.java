package dev.cairn.server.edge;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.cairn.protocol.TokenScope;
import dev.cairn.server.LogCapture;
import dev.cairn.server.TestServer;
import dev.cairn.server.http.HttpApi;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import dev.cairn.server.feature.Feature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route of the route table (as Javalin registered it, so a new route is covered without touching this suite)
 * gets every class of malformed body, with credentials that pass its guard: JSON past Jackson's limits, with trailing
 * text, duplicate keys, unpaired surrogates, wrong shapes and types; broken forms and multipart bodies; malformed CSV
 * and XLSX (not a zip, a DTD entity); binary noise; empty bodies. Nothing may answer 5xx, and no request may make more
 * than one log line, nor any stack trace or ERROR. Subclasses choose the features plugged in ({@link #features}):
 * the platform alone here ({@code MalformedBodyTest}), the product in the feature modules. The XLSX bodies are given
 * by the subclass (the platform has no test workbooks of its own).
 */
public abstract class MalformedBodySuite {
    protected static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /**
     * Routes that end the caller's own credentials or data: sent last, so they cannot hide failures of the others; after
     * the first of them succeeds, the rest are refused by the guard.
     */
    private static final Set<String> SELF_ENDING = Set.of("DELETE /api/v1/account", "POST /account/delete",
            "POST /logout", "DELETE /api/v1/session", "DELETE /api/v1/device", "POST /api/v1/workspace/purge", "POST /web/workspace/{ws}/purge");

    @TempDir
    Path dir;
    TestServer server;
    String token;
    String cookie;
    String csrf;
    /** The id of a token that routes revoking "{id}" may revoke (not the one this test sends). */
    long victimTokenId;

    /** One malformed request body: what it is, its media type and bytes. */
    public record Body(String name, String contentType, byte[] bytes) {
        public static Body of(String name, String contentType, String text) {
            return new Body(name, contentType, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The features plugged into the server under test. */
    protected abstract List<Feature> features();

    /** Workbooks (valid, hostile, damaged) to send as XLSX bodies, raw and in multipart forms. */
    protected abstract List<Body> workbooks() throws Exception;

    /** Runs once the server has started (e.g. to create data the feature's routes act on). */
    protected void prepare(TestServer server, String fullToken) throws Exception {
    }

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(dir.resolve("server"), c -> c, features());
        server.account("target");
        token = server.token("admin", TokenScope.FULL);
        long admin = server.core().accounts().require("admin").id();
        victimTokenId = server.core().tokens().create(admin, "victim", TokenScope.READ, null).id();
        prepare(server, token);
        var login = server.send(server.request("/api/v1/session").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"admin\",\"password\":\""
                        + TestServer.ADMIN_PASSWORD + "\"}")).build());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        csrf = login.body().replaceAll(".*\"csrfToken\":\"([^\"]+)\".*", "$1");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private List<Body> bodies() throws Exception {
        byte[] noise = new byte[2048];
        new Random(42).nextBytes(noise);
        String multipart = "multipart/form-data; boundary=XyZ";
        List<Body> bodies = new ArrayList<>(List.of(
                Body.of("JSON number of 1,200 digits", "application/json", "{\"name\":" + "7".repeat(1200) + "}"),
                Body.of("JSON nested 5,000 deep", "application/json", "[".repeat(5000) + "]".repeat(5000)),
                Body.of("JSON with trailing text", "application/json", "{\"name\":\"x\"} and more"),
                Body.of("JSON with a duplicate key", "application/json", "{\"name\":\"a\",\"name\":\"b\"}"),
                Body.of("JSON with a lone surrogate", "application/json", "{\"name\":\"\\ud800\",\"email\":\"a@b.c\"}"),
                Body.of("truncated JSON", "application/json", "{\"name\": \"x"),
                Body.of("JSON of the wrong shape", "application/json", "[1,2,3]"),
                Body.of("JSON null", "application/json", "null"),
                Body.of("JSON with wrong types", "application/json", "{\"name\":[],\"password\":{},\"scope\":7,"
                        + "\"email\":true,\"quotaBytes\":\"x\",\"columns\":\"x\",\"role\":1,\"expiresAt\":\"soon\"}"),
                Body.of("JSON of a huge number in a field", "application/json", "{\"quotaBytes\":1e999999999}"),
                Body.of("empty JSON", "application/json", ""),
                Body.of("form with broken escapes", "application/x-www-form-urlencoded", "name=%zz&x=%&_csrf=%"),
                Body.of("form with invalid UTF-8", "application/x-www-form-urlencoded", "name=%ff%fe%fd&email=%c3"),
                Body.of("multipart without a boundary", "multipart/form-data", "--x\r\n\r\nabc"),
                Body.of("multipart cut off", multipart, "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; "
                        + "filename=\"a.csv\"\r\nContent-Type: text/csv\r\n\r\nname,email\r\n\"Acme"),
                Body.of("CSV with an unterminated quote", "text/csv", "name,email\n\"Acme,ap@acme.test\n"),
                new Body("CSV of invalid UTF-8", "text/csv", new byte[] {'n', 'a', 'm', 'e', '\n', (byte) 0xff,
                        (byte) 0xfe, (byte) 0xc3, '\n'}),
                Body.of("XLSX that is not a zip", XLSX, "this is not a workbook"),
                new Body("binary noise", "application/octet-stream", noise),
                new Body("binary noise as JSON", "application/json", noise),
                Body.of("plain text", "text/plain", "hello")));
        for (Body workbook : workbooks()) {
            bodies.add(new Body(workbook.name(), XLSX, workbook.bytes()));
            bodies.add(new Body("multipart with " + workbook.name(), multipart, multipartFile(workbook.bytes())));
        }
        return bodies;
    }

    private byte[] multipartFile(byte[] content) {
        byte[] head = ("--XyZ\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n--XyZ\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"a.xlsx\"\r\nContent-Type: " + XLSX
                + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\r\n--XyZ--\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(content, 0, all, head.length, content.length);
        System.arraycopy(tail, 0, all, head.length + content.length, tail.length);
        return all;
    }

    @Test
    void noRouteAnswers5xxOrLogsMoreThanOneLineForAnyMalformedBody() throws Exception {
        List<HttpApi.RegisteredRoute> routes = new ArrayList<>(server.app().http().registeredRoutes().stream()
                .filter(r -> Set.of("POST", "PUT", "PATCH", "DELETE").contains(r.method())).toList());
        routes.sort(Comparator.comparing(r -> SELF_ENDING.contains(r.method() + " " + r.path())));
        assertThat(routes).as("the route table has body-taking routes").hasSizeGreaterThan(20);
        List<Body> bodies = bodies();
        List<String> failures = new ArrayList<>();
        int sent = 0;
        try (LogCapture log = LogCapture.root(Level.INFO)) {
            for (HttpApi.RegisteredRoute route : routes) {
                String path = concrete(route.path());
                for (Body body : bodies) {
                    int before = log.size();
                    String what = route.method() + " " + route.path() + " with " + body.name();
                    HttpResponse<String> r;
                    try {
                        r = send(route.method(), path, body);
                    } catch (java.io.IOException e) {
                        failures.add(what + " -> no response: " + e);
                        continue;
                    } finally {
                        sent++;
                    }
                    List<ILoggingEvent> lines = log.events().subList(before, log.size());
                    if (r.statusCode() >= 500) {
                        failures.add(what + " -> " + r.statusCode() + " " + r.body());
                    }
                    boolean selfEnding = SELF_ENDING.contains(route.method() + " " + route.path());
                    if (!selfEnding && (r.statusCode() == 401
                            || r.statusCode() == 403 && !route.roles().toString().equals("[PUBLIC]"))) {
                        failures.add(what + " -> " + r.statusCode() + ": the guard refused, so the handler was not "
                                + "reached (" + r.body() + ")");
                    }
                    if (lines.size() > 1 || lines.stream().anyMatch(l -> l.getThrowableProxy() != null
                            || l.getLevel() == Level.ERROR)) {
                        failures.add(what + " logged " + lines.stream().map(l -> l.getLevel() + " "
                                + l.getFormattedMessage() + (l.getThrowableProxy() == null ? "" : " + stack trace"))
                                .toList());
                    }
                }
            }
        }
        assertThat(sent).isEqualTo(routes.size() * bodies.size());
        assertThat(failures).isEmpty();
    }

    @Test
    void noRouteAnswers5xxForMalformedQueryParameters() throws Exception {
        List<String> queries = List.of("?limit=abc&offset=-1&page=99999999999999999999&size=1e9",
                "?sort=%ff%fe&filter=a:b:c:d&filter=::&format=xyz&fcol=&fop=zz&fval=%00",
                "?q=" + "%41".repeat(3000) + "&dryRun=maybe&map=nocolon&columns=,,,",
                "?from=yesterday&to=2026-13-45&fixedTo=x&upload=../../etc/passwd&code=%25zz%00");
        List<String> failures = new ArrayList<>();
        try (LogCapture log = LogCapture.root(Level.INFO)) {
            for (HttpApi.RegisteredRoute route : server.app().http().registeredRoutes()) {
                if (!route.method().equals("GET")) {
                    continue;
                }
                for (String query : queries) {
                    int before = log.size();
                    HttpResponse<String> r = send("GET", concrete(route.path()) + query,
                            Body.of("no body", "text/plain", ""));
                    List<ILoggingEvent> lines = log.events().subList(before, log.size());
                    if (r.statusCode() >= 500 || r.statusCode() == 401
                            || lines.stream().anyMatch(l -> l.getThrowableProxy() != null)) {
                        failures.add("GET " + route.path() + query.substring(0, Math.min(60, query.length()))
                                + " -> " + r.statusCode() + " " + lines.size() + " log lines");
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    /** The route's path with its parameters filled so that the guard lets the request through to the handler. */
    private String concrete(String pattern) {
        Map<String, String> values = Map.ofEntries(Map.entry("account", "admin"), Map.entry("repo", "repo1"),
                Map.entry("type", "data"), Map.entry("kind", "data"), Map.entry("ws", "admin"),
                Map.entry("table", "customers"), Map.entry("id", "1"), Map.entry("column", "name"),
                Map.entry("report", "1"), Map.entry("share", "1"), Map.entry("member", "target"),
                Map.entry("invite", "1"), Map.entry("template", "orders-and-billing"),
                Map.entry("token", "A".repeat(43)), Map.entry("file", "cairn.css"), Map.entry("device", "laptop"));
        String path = pattern;
        boolean admin = pattern.startsWith("/api/v1/admin/") || pattern.startsWith("/web/admin/");
        path = path.replace("{name}", admin ? "target" : "0".repeat(64));
        if (pattern.startsWith("/api/v1/repos/")) {
            path = path.replace("{id}", "0".repeat(64));
        }
        if (pattern.contains("tokens/{id}") || pattern.contains("devices/{id}")) {
            path = path.replace("{id}", Long.toString(victimTokenId));
        }
        for (var e : values.entrySet()) {
            path = path.replace("{" + e.getKey() + "}", e.getValue());
        }
        assertThat(path).as(pattern).doesNotContain("{");
        return path;
    }

    private HttpResponse<String> send(String method, String path, Body body) throws Exception {
        boolean page = !path.startsWith("/api/") && !path.startsWith("/admin/");
        HttpRequest.Builder request = server.request(path).header("Content-Type", body.contentType())
                .header("Accept", page ? "text/html,application/xhtml+xml" : "application/json")
                .header("Cookie", cookie).header("X-CSRF-Token", csrf)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
        if (!path.startsWith("/web/")) {
            request.header("Authorization", "Bearer " + token); // the web pages take the session only
        }
        return server.send(request.build());
    }
}
