package dev.cairn.server.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cairn.protocol.TokenScope;
import dev.cairn.server.TestServer;
import dev.cairn.server.http.HttpApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/**
 * Whole HTTP requests against a real server (the platform's routes): a route of the route table with fuzzed path
 * parameters, query string, {@code Range} header, content type and body, sent as the administrator with a full token
 * over a raw socket (so the path and query reach the server byte for byte). Covers the restic REST path parsing
 * (kinds, ids, account and repository names), every query-parameter parser and every body parser behind a route.
 * No request may answer 5xx. Inputs: {@code RequestFuzzTestInputs/anyRequest/}.
 */
class RequestFuzzTest {
    private static final List<String> TYPES = List.of("application/json", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=b", "text/csv", "application/octet-stream", "text/plain");
    private static TestServer server;
    private static String auth;
    private static List<HttpApi.RegisteredRoute> routes;

    private static synchronized void start() {
        // the target talks to its own server on the loopback interface: not a request forgery
        BugDetectors.allowNetworkConnections((host, port) -> host.equals("127.0.0.1") || host.equals("localhost"));
        if (server != null) {
            return;
        }
        try {
            server = TestServer.start(dev.cairn.testkit.Directories.deleteAtExit(Files.createTempDirectory("cairn-request-fuzz")));
            auth = TestServer.basic("admin", server.token("admin", TokenScope.FULL));
            server.core().objects().createRepo(new dev.cairn.server.storage.Tenant(
                    server.core().accounts().require("admin").id(), "repo1"), "repo1");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        routes = server.app().http().registeredRoutes().stream()
                .filter(r -> !r.path().equals("/api/v1/account") && !r.path().endsWith("/session")).toList();
    }

    @FuzzTest(maxDuration = "5s")
    void anyRequest(FuzzedDataProvider data) throws IOException {
        start();
        HttpApi.RegisteredRoute route = routes.get(data.consumeInt(0, routes.size() - 1));
        if (route.method().equals("DELETE") && !route.path().startsWith("/{account}")) {
            return; // would end the fuzzer's own credentials or account
        }
        String pattern = route.path(); // each {param} of the pattern once: a fuzzed segment may itself hold '{'
        StringBuilder built = new StringBuilder();
        int at = 0;
        for (int open = pattern.indexOf('{'); open >= 0; open = pattern.indexOf('{', at)) {
            built.append(pattern, at, open).append(FuzzRequests.segment(data));
            at = pattern.indexOf('}', open) + 1;
        }
        String path = built.append(pattern.substring(at)).toString();
        String query = data.consumeBoolean() ? "?" + FuzzRequests.query(data) : "";
        String range = data.consumeBoolean() ? data.consumeString(40) : null;
        String type = TYPES.get(data.consumeInt(0, TYPES.size() - 1));
        byte[] body = data.consumeRemainingAsBytes();
        FuzzRequests.Answer answer = FuzzRequests.send(server.app().port(), route.method(), path + query, auth, range,
                type, body);
        assertThat(answer.status()).as("%s %s%s -> %s", route.method(), path, query, answer.head()).isLessThan(500);
    }
}
