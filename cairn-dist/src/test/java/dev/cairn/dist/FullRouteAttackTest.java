package dev.cairn.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.server.TestServer;
import dev.cairn.server.attack.RouteAttackSuite;
import dev.cairn.server.attack.Tenant;
import dev.cairn.server.feature.Feature;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link RouteAttackSuite} on the shipped server (the platform and every feature): Bob has a workspace (the orders
 * template with samples, a record, a saved report, a share link, an attachment, an invitation), all marked; Mallory has
 * the same tables, empty, so Bob's record ids name nothing of hers.
 */
class FullRouteAttackTest extends RouteAttackSuite {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected List<Feature> features() {
        return ServerLauncher.FEATURES;
    }

    @Override
    protected void prepareVictim(TestServer server, Tenant bob) throws Exception {
        String auth = "Bearer " + bob.full;
        post(server, auth, "/api/v1/workspace/templates/orders-and-billing?samples=true", "", 201);
        String record = post(server, auth, "/api/v1/workspace/tables/customers/records",
                "{\"name\":" + JSON.writeValueAsString(MARKER + " Corp " + XSS.get(0)) + ",\"billing_address\":"
                + JSON.writeValueAsString(XSS.get(1)) + ",\"email\":\"bobsecret@example.com\"}", 201).path("id").asText();
        String report = post(server, auth, "/api/v1/workspace/reports", "{\"name\":" + JSON.writeValueAsString(MARKER
                + " report " + XSS.get(1)) + ","
                + "\"table\":\"customers\",\"columns\":[\"name\",\"email\"]}", 201).path("id").asText();
        String share = post(server, auth, "/api/v1/workspace/shares", "{\"report\":" + report + "}", 201)
                .path("share").path("id").asText();
        var upload = server.send(server.request("/api/v1/workspace/attachments?name=" + MARKER + ".txt")
                .header("Authorization", auth).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(MARKER + " attachment")).build());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        String attachment = JSON.readTree(upload.body()).path("id").asText();
        post(server, auth, "/api/v1/workspace/invites", "{\"email\":\"carol@example.com\",\"role\":\"viewer\"}", 201);
        plan(null, "ws", "bob", "mallory", true);
        plan(null, "table", "customers", "customers", true);
        plan(null, "column", "name", "name", true);
        plan("records", "id", record, record, true);
        plan(null, "report", report, report, true);
        plan(null, "share", share, share, true);
        plan(null, "member", "carol", "carol", true);
        plan(null, "invite", "1", "1", true);
        plan(null, "template", "orders-and-billing", "orders-and-billing", false);
        plan(null, "token", "A".repeat(43), "B".repeat(43), false);
        plan("files", "id", attachment, attachment, true);
        plan("attachments", "id", attachment, attachment, true);
        plan("recipients", "id", "1", "1", true);
        plan("exports", "id", "1", "1", true);
        plan("invoices", "id", "1", "1", true);
        plan("files", "file", "2026-01.pdf", "2026-01.pdf", true);
        plan("invoices", "file", "2026-01.pdf", "2026-01.pdf", true);
        plan("workspace", "file", "workspace.css", "workspace.css", false);
    }

    @Override
    protected void prepareAttacker(TestServer server, String fullToken) throws Exception {
        post(server, "Bearer " + fullToken, "/api/v1/workspace/templates/orders-and-billing", "", 201);
    }

    @Override
    protected List<String> fingerprintPaths() {
        List<String> paths = new ArrayList<>(super.fingerprintPaths());
        paths.addAll(List.of("/api/v1/workspace/tables", "/api/v1/workspace/tables/customers/records",
                "/api/v1/workspace/reports", "/api/v1/workspace/shares", "/api/v1/workspace/members",
                "/api/v1/workspace/export/recipients", "/api/v1/workspace/exports",
                "/api/v1/workspace/export/schedule"));
        return paths;
    }

    private static JsonNode post(TestServer server, String auth, String path, String body, int status)
            throws Exception {
        HttpResponse<String> r = server.send(server.request(path).header("Authorization", auth)
                .header("Content-Type", "application/json").POST(body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }
}
