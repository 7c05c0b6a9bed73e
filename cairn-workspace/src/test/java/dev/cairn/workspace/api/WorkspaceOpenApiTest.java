package dev.cairn.workspace.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.server.TestServer;
import dev.cairn.server.feature.Feature;
import dev.cairn.server.http.OpenApiSuite;
import dev.cairn.workspace.WorkspaceFeature;
import java.net.http.HttpRequest;
import java.util.List;

/**
 * The platform's and the records workspace's routes against the OpenAPI document: every operation documented with
 * the schemas of its bodies, and the workspace's JSON answers (tables with computed columns, reports, shares, members,
 * templates) checked against them, with the orders template and its sample records in place.
 */
class WorkspaceOpenApiTest extends OpenApiSuite {
    @Override
    protected List<Feature> features() {
        return List.of(new WorkspaceFeature());
    }

    @Override
    protected void fill(TestServer server) throws Exception {
        post(server, "/api/v1/workspace/templates/orders-and-billing?samples=true", null);
        post(server, "/api/v1/workspace/reports", "{\"name\":\"Totals\",\"table\":\"orders\",\"groupBy\":[\"status\"],"
                + "\"aggregates\":[{\"fn\":\"count\"}]}");
        post(server, "/api/v1/workspace/shares", "{\"report\":1}");
    }

    private static void post(TestServer server, String path, String json) throws Exception {
        var r = server.send(server.request(path).header("Authorization", TestServer.basic("admin",
                TestServer.ADMIN_PASSWORD)).header("Content-Type", "application/json").POST(json == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build());
        assertThat(r.statusCode()).as("%s: %s", path, r.body()).isEqualTo(201);
    }
}
