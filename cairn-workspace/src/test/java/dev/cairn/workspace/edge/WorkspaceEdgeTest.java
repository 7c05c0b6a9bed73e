package dev.cairn.workspace.edge;

import static dev.cairn.server.Problems.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.protocol.TokenScope;
import dev.cairn.server.TestServer;
import dev.cairn.workspace.WorkspaceServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workspace's part of issue 10, through the real HTTP stack: an XLSX with a DTD entity is a 422 (it was a 500),
 * import errors never show server paths or library text, and invitations follow the one email rule of sign-up.
 */
class WorkspaceEdgeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

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

    private static HttpResponse<String> post(String path, String contentType, String body, String... headers)
            throws Exception {
        return server.post(path, contentType, body, headers);
    }

    private static HttpResponse<String> post(String path, String contentType, byte[] body, String... headers)
            throws Exception {
        return server.post(path, contentType, body, headers);
    }

    @Test
    void anXlsxWithADtdEntityIsRefusedWith422AndTheTableStaysAsItWas() throws Exception {
        String owner = "xlsx-owner";
        server.account(owner);
        String token = server.token(owner, TokenScope.FULL);
        var created = post("/api/v1/workspace/tables", "application/json", "{\"name\":\"customers\",\"columns\":"
                + "[{\"name\":\"name\",\"type\":\"text\"},{\"name\":\"email\",\"type\":\"email\"}]}",
                "Authorization", "Bearer " + token);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String path = "/api/v1/workspace/tables/customers/import";
        for (byte[] workbook : List.of(Workbooks.withDtdEntityInTheWorkbook(), Workbooks.withDtdEntityInTheSheet())) {
            var hostile = post(path, XLSX, workbook, "Authorization", "Bearer " + token);
            String detail = problem(hostile, 422, "validation-failed").toString();
            assertThat(detail).contains("DTD").doesNotContain("root:", "/etc/passwd", dir.toString(), "spool");
        }
        var valid = post(path, XLSX, Workbooks.customers(), "Authorization", "Bearer " + token);
        assertThat(valid.statusCode()).as(valid.body()).isEqualTo(201);
        var rows = server.send(server.request("/api/v1/workspace/tables/customers/records")
                .header("Authorization", "Bearer " + token).build());
        assertThat(JSON.readTree(rows.body()).get("records")).hasSize(1);
    }

    @Test
    void importErrorsNeverShowServerPaths() throws Exception {
        String owner = "csv-owner";
        server.account(owner);
        String token = server.token(owner, TokenScope.FULL);
        post("/api/v1/workspace/tables", "application/json", "{\"name\":\"things\",\"columns\":"
                + "[{\"name\":\"name\",\"type\":\"text\"}]}", "Authorization", "Bearer " + token);
        String path = "/api/v1/workspace/tables/things/import";
        for (byte[] body : List.of("name\n\"never closed\n".getBytes(StandardCharsets.UTF_8),
                new byte[] {'n', 'a', 'm', 'e', '\n', 'a', (byte) 0xff, '\n'})) {
            var r = post(path, "text/csv", body, "Authorization", "Bearer " + token);
            String detail = problem(r, 422, "validation-failed").toString();
            assertThat(detail).contains("CSV").doesNotContain(dir.toString(), "/tmp", "spool", ".tmp", "Exception");
        }
        var noise = post(path, XLSX, "PK not really a zip", "Authorization", "Bearer " + token);
        assertThat(problem(noise, 422, "validation-failed").toString()).doesNotContain(dir.toString(), "spool",
                ".tmp", "Exception", "Zip");
    }

    @Test
    void invitationsFollowTheEmailRuleOfSignUp() throws Exception {
        String owner = "inviter";
        server.account(owner);
        String token = server.token(owner, TokenScope.FULL);
        var hostile = post("/api/v1/workspace/invites", "application/json", "{\"email\":\"<script>alert(1)</script>"
                + "@x.y\",\"role\":\"viewer\"}", "Authorization", "Bearer " + token);
        problem(hostile, 422, "validation-failed");
        var unusual = post("/api/v1/workspace/invites", "application/json", "{\"email\":\"ann.o'neil+tag@mail."
                + "example.co.uk\",\"role\":\"viewer\"}", "Authorization", "Bearer " + token);
        assertThat(unusual.statusCode()).as(unusual.body()).isEqualTo(201);
    }
}
