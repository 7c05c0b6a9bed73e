package dev.cairn.workspace.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.server.TestServer;
import dev.cairn.workspace.WorkspaceServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workspace's routes as the platform registers them when the feature is plugged in: each with exactly one role,
 * the share routes with the roles ADR 13 gives them, between the platform's fixed routes and the restic patterns.
 */
class WorkspaceRoutesTest {
    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = WorkspaceServer.start(dir.resolve("server"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void everyRouteOfTheProductCarriesExactlyOneRole() {
        var routes = server.app().http().registeredRoutes();
        assertThat(routes).hasSizeGreaterThan(150);
        assertThat(routes).allSatisfy(r -> assertThat(r.roles()).as(r.method() + " " + r.path()).hasSize(1));
        assertThat(routes).extracting(r -> r.method() + " " + r.path()).doesNotHaveDuplicates();
    }

    @Test
    void shareAndWorkspaceRoutesHaveTheIntendedRoles() {
        Map<String, String> expected = Map.ofEntries(
                Map.entry("GET /workspace", "SESSION_USER"),
                Map.entry("GET /share/{token}", "PUBLIC"), Map.entry("POST /share/{token}", "PUBLIC"),
                Map.entry("GET /web/workspace/{ws}/shares", "WORKSPACE_VIEWER"),
                Map.entry("GET /web/workspace/{ws}/shares/new", "WORKSPACE_EDITOR"),
                Map.entry("POST /web/workspace/{ws}/shares", "WORKSPACE_EDITOR"),
                Map.entry("GET /web/workspace/{ws}/shares/{share}", "WORKSPACE_EDITOR"),
                Map.entry("GET /web/workspace/{ws}/shares/{share}/revoke", "WORKSPACE_EDITOR"),
                Map.entry("POST /web/workspace/{ws}/shares/{share}/revoke", "WORKSPACE_EDITOR"),
                Map.entry("POST /web/workspace/{ws}/tables", "WORKSPACE_OWNER"),
                Map.entry("GET /api/v1/workspace/shares", "WORKSPACE_VIEWER"),
                Map.entry("POST /api/v1/workspace/shares", "WORKSPACE_EDITOR"),
                Map.entry("GET /api/v1/workspace/shares/{share}", "WORKSPACE_VIEWER"),
                Map.entry("DELETE /api/v1/workspace/shares/{share}", "WORKSPACE_EDITOR"),
                Map.entry("GET /api/v1/workspace/shares/{share}/accesses", "WORKSPACE_EDITOR"),
                Map.entry("POST /api/v1/workspace/invites/accept", "ACCOUNT"));
        var routes = server.app().http().registeredRoutes();
        expected.forEach((route, role) -> assertThat(routes).as(route).anySatisfy(r -> {
            assertThat(r.method() + " " + r.path()).isEqualTo(route);
            assertThat(r.roles()).extracting(Object::toString).containsExactly(role);
        }));
    }

    @Test
    void workspaceRoutesComeBeforeTheResticPatterns() {
        var paths = server.app().http().registeredRoutes().stream().map(r -> r.method() + " " + r.path()).toList();
        int lastWorkspace = Math.max(paths.lastIndexOf("GET /api/v1/workspace/tables/{table}/records/{id}"),
                paths.lastIndexOf("GET /web/workspace/{ws}/tables"));
        assertThat(lastWorkspace).isPositive().isLessThan(paths.indexOf("GET /{account}/{repo}/{type}/{name}"));
    }
}
