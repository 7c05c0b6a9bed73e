package dev.cairn.workspace.shares;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.protocol.TokenScope;
import dev.cairn.server.TestServer;
import dev.cairn.testkit.MutableClock;
import dev.cairn.workspace.WorkspaceFeature;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A share link's expiry seen through HTTP on a server that runs on a {@link MutableClock}; no test sleeps. */
class ClockedShareExpiryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    final MutableClock clock = MutableClock.create();
    TestServer server;
    String token;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(dir, c -> c, clock, List.of(new WorkspaceFeature()));
        server.account("ann");
        token = server.token("ann", TokenScope.FULL);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void aShareLinkOpensUntilItsExpiryAndIsGoneAfter() throws Exception {
        created(send("POST", "/api/v1/workspace/tables", token,
                "{\"name\": \"customers\", \"columns\": [{\"name\": \"name\", \"type\": \"text\"}]}"));
        created(send("POST", "/api/v1/workspace/tables/customers/records", token, "{\"name\": \"Acme\"}"));
        long report = created(send("POST", "/api/v1/workspace/reports", token,
                "{\"name\": \"All\", \"table\": \"customers\", \"columns\": [\"name\"]}")).get("id").asLong();
        String share = created(send("POST", "/api/v1/workspace/shares", token, "{\"report\": " + report
                + ", \"expiresAt\": \"" + clock.instant().plus(Duration.ofDays(7)) + "\"}")).get("token").asText();
        var open = page(share);
        assertThat(open.statusCode()).isEqualTo(200);
        assertThat(open.body()).contains("Acme");
        clock.advance(Duration.ofDays(7).minusSeconds(1));
        assertThat(page(share).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        var gone = page(share);
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(gone.body()).doesNotContain("Acme");
    }

    private HttpResponse<String> page(String share) throws Exception {
        return server.send(server.request("/share/" + share).header("Accept", "text/html").build());
    }

    private static JsonNode created(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> send(String method, String path, String bearer, String body) throws Exception {
        HttpRequest.Builder r = server.request(path).header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json");
        return server.send(r.method(method, HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
