package dev.cairn.workspace.api;

import static dev.cairn.workspace.api.Api.json;
import static dev.cairn.workspace.api.WorkspaceApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.protocol.TokenScope;
import dev.cairn.server.TestServer;
import dev.cairn.workspace.WorkspaceServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Roles by attack: viewers and read tokens try to write, editors try to change the schema and members, other tenants
 * try to read, and nobody gets further than their role; nothing is changed by a refused request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkspaceAccessTest {
    @TempDir
    static Path dir;
    TestServer server;
    Api ann;
    Api bob;
    Api eve;
    Api carol;
    String record;

    @BeforeAll
    void start() throws IOException {
        server = WorkspaceServer.start(dir);
        for (String name : List.of("ann", "bob", "eve", "carol")) {
            server.account(name);
        }
        ann = Api.bearer(server, server.token("ann", TokenScope.FULL));
        bob = Api.bearer(server, server.token("bob", TokenScope.FULL));
        eve = Api.bearer(server, server.token("eve", TokenScope.FULL));
        carol = Api.bearer(server, server.token("carol", TokenScope.FULL));
        assertThat(ann.post("/tables", "{'name': 'notes', 'columns': [{'name': 'text', 'type': 'text'}]}")
                .statusCode()).isEqualTo(201);
        record = "/tables/notes/records/" + json(ann.post("/tables/notes/records", "{'text': 'secret'}")).get("id");
        join(bob, "bob@example.com", "viewer");
        join(eve, "eve@example.com", "editor");
    }

    private void join(Api who, String email, String role) {
        var invite = ann.post("/invites", "{'email': '" + email + "', 'role': '" + role + "'}");
        assertThat(invite.statusCode()).as(invite.body()).isEqualTo(201);
        var accepted = who.post("/invites/accept", "{'code': '" + json(invite).get("code").asText() + "'}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(json(accepted).get("workspace").asText()).isEqualTo("ann");
    }

    @AfterAll
    void stop() throws IOException {
        server.close();
    }

    private void assertUnchanged() {
        assertThat(json(ann.get(record)).get("text").asText()).isEqualTo("secret");
        assertThat(json(ann.get(record)).get("version").asLong()).isEqualTo(1);
        assertThat(json(ann.get("/tables")).get(0).get("name").asText()).isEqualTo("notes");
        assertThat(json(ann.get("/tables"))).hasSize(1);
    }

    @Test
    void aViewerReadsButCannotWriteAnything() {
        Api viewer = bob.in("ann");
        assertThat(json(viewer.get(record)).get("text").asText()).isEqualTo("secret");
        assertThat(viewer.get(record + "/history").statusCode()).isEqualTo(200);
        assertProblem(viewer.post("/tables/notes/records", "{'text': 'x'}"), 403, "forbidden");
        assertProblem(viewer.patch(record, "{'text': 'x', 'version': 1}"), 403, "forbidden");
        assertProblem(viewer.delete(record), 403, "forbidden");
        assertProblem(viewer.post(record + "/restore", ""), 403, "forbidden");
        assertProblem(viewer.post("/tables", "{'name': 't', 'columns': [{'name': 'a', 'type': 'text'}]}"), 403,
                "forbidden");
        assertProblem(viewer.delete("/tables/notes"), 403, "forbidden");
        assertProblem(viewer.post("/templates/client-matters", ""), 403, "forbidden");
        assertProblem(viewer.post("/purge", ""), 403, "forbidden");
        assertProblem(viewer.post("/invites", "{'email': 'bob@example.com', 'role': 'owner'}"), 403, "forbidden");
        assertUnchanged();
    }

    @Test
    void anEditorWritesRecordsButNotTheSchemaOrMembers() {
        Api editor = eve.in("ann");
        var created = editor.post("/tables/notes/records", "{'text': 'from eve'}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(editor.delete("/tables/notes/records/" + json(created).get("id")).statusCode()).isEqualTo(204);
        assertProblem(editor.patch("/tables/notes", "{'remove': ['text']}"), 403, "forbidden");
        assertProblem(editor.post("/invites", "{'email': 'eve@example.com', 'role': 'owner'}"), 403, "forbidden");
        assertProblem(editor.put("/members/eve", "{'role': 'owner'}"), 403, "forbidden");
        assertProblem(editor.delete("/members/bob"), 403, "forbidden");
        assertProblem(editor.post("/purge", ""), 403, "forbidden");
        assertThat(json(ann.get("/members")).findValuesAsText("role")).containsExactly("owner", "viewer", "editor");
        assertUnchanged();
    }

    @Test
    void readTokensOnlyRead() {
        Api reader = Api.bearer(server, server.token("ann", TokenScope.READ));
        Api appender = Api.bearer(server, server.token("ann", TokenScope.APPEND));
        assertThat(reader.get(record).statusCode()).isEqualTo(200);
        for (Api token : List.of(reader, appender)) {
            assertProblem(token.post("/tables/notes/records", "{'text': 'x'}"), 403, "forbidden");
            assertProblem(token.patch(record, "{'text': 'x', 'version': 1}"), 403, "forbidden");
            assertProblem(token.delete("/tables/notes"), 403, "forbidden");
        }
        assertThat(reader.post("/tables/notes/records", "{'text': 'x'}").body()).contains("token only reads");
        assertUnchanged();
    }

    @Test
    void anotherTenantSeesNothingOfTheWorkspace() {
        Api outsider = carol.in("ann");
        for (HttpResponse<String> r : List.of(outsider.get("/tables"), outsider.get(record), outsider.get(record
                + "/history"), outsider.post("/tables/notes/records", "{'text': 'x'}"), outsider.delete(record),
                outsider.get("/members"))) {
            assertProblem(r, 404, "not-found");
        }
        assertProblem(carol.get(record), 404, "not-found"); // her own workspace has no such table
        assertThat(json(carol.get("/tables"))).isEmpty();
        assertProblem(carol.in("nobody").get("/tables"), 404, "not-found");
        assertUnchanged();
    }

    @Test
    void invitationsBindToTheInvitedEmailAndWorkOnce() {
        var invite = json(ann.post("/invites", "{'email': 'carol@example.com', 'role': 'viewer'}")).get("code").asText();
        assertProblem(eve.post("/invites/accept", "{'code': '" + invite + "'}"), 403, "forbidden");
        assertProblem(carol.post("/invites/accept", "{'code': 'cairn_inv_wrong'}"), 404, "not-found");
        assertThat(carol.post("/invites/accept", "{'code': '" + invite + "'}").statusCode()).isEqualTo(200);
        assertProblem(carol.post("/invites/accept", "{'code': '" + invite + "'}"), 410, "gone");
        assertThat(carol.in("ann").get(record).statusCode()).isEqualTo(200);
        assertThat(ann.delete("/members/carol").statusCode()).isEqualTo(204);
        assertProblem(carol.in("ann").get(record), 404, "not-found");
        assertProblem(ann.post("/invites", "{'email': 'x', 'role': 'king'}"), 422, "validation-failed");
    }

    @Test
    void noCredentialsOrASessionWithoutCsrfAreRefused() throws Exception {
        Api anonymous = new Api(server);
        assertProblem(anonymous.get("/tables"), 401, "unauthenticated");
        var login = server.send(server.request("/api/v1/session").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"ann\",\"password\":\"" + TestServer.password("ann") + "\"}")).build());
        String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("cairn_session="))
                .findFirst().orElseThrow();
        Api session = new Api(server, "Cookie", cookie.substring(0, cookie.indexOf(';')));
        assertThat(session.get(record).statusCode()).isEqualTo(200);
        assertProblem(session.post("/tables/notes/records", "{'text': 'x'}"), 403, "csrf");
        String csrf = json(login).get("csrfToken").asText();
        assertThat(session.with("X-CSRF-Token", csrf).post("/tables/notes/records", "{'text': 'x'}").statusCode())
                .isEqualTo(201);
    }
}
