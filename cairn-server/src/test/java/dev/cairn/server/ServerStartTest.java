package dev.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerStartTest {
    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void healthAndReadinessAnswer() throws Exception {
        assertThat(server.send(server.request("/healthz").build()).statusCode()).isEqualTo(200);
        var ready = server.send(server.request("/readyz").build());
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("ready\n");
    }

    @Test
    void metricsAreServedToLoopbackClientsInPrometheusFormat() throws Exception {
        server.send(server.request("/healthz").build());
        var metrics = server.send(server.request("/metrics").build());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("cairn_http_requests_seconds");
    }

    @Test
    void firstStartCreatesTheAdminFromThePresetPasswordAndPrintsNoPassword() {
        var admin = server.core().accounts().require("admin");
        assertThat(admin.admin()).isTrue();
        assertThat(server.stdout()).doesNotContain("password:");
    }

    @Test
    void sqliteFileAndLocalStoreLiveInTheDataDirectory() {
        assertThat(Files.isRegularFile(dir.resolve("cairn.db"))).isTrue();
        assertThat(Files.isDirectory(dir.resolve("store"))).isTrue();
    }

    @Test
    void unknownRouteIsAProblem404() throws Exception {
        var r = server.send(server.request("/api/v1/nothing-here").build());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(r.body()).contains("\"code\":\"not-found\"");
    }

    @Test
    void wrongMethodIsAProblem405() throws Exception {
        var r = server.send(server.request("/healthz").DELETE().build());
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.body()).contains("method-not-allowed");
    }

    @Test
    void everyRegisteredRouteCarriesExactlyOneRole() {
        var routes = server.app().http().registeredRoutes();
        assertThat(routes).hasSizeGreaterThan(30);
        assertThat(routes).allSatisfy(r -> assertThat(r.roles()).as(r.method() + " " + r.path()).hasSize(1));
    }

    @Test
    void requestWithoutCredentialsIsRefused() throws Exception {
        var r = server.send(server.request("/api/v1/account").build());
        assertThat(r.statusCode()).isEqualTo(401);
        var h = server.send(HttpRequest.newBuilder(server.uri("/admin/repo/config")).method("HEAD",
                HttpRequest.BodyPublishers.noBody()).build());
        assertThat(h.statusCode()).isEqualTo(401);
        assertThat(h.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"cairn\"");
        var reserved = server.send(server.request("/login/repo/keys/").build());
        assertThat(reserved.statusCode()).isEqualTo(404); // reserved names are never tenant paths
    }
}
