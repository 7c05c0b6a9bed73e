package dev.cairn.workspace.web;

import static dev.cairn.workspace.model.ColumnType.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.server.TestServer;
import dev.cairn.server.web.WebClient;
import dev.cairn.workspace.JsonRecords;
import dev.cairn.workspace.WorkspaceModule;
import dev.cairn.workspace.WorkspaceServer;
import dev.cairn.workspace.members.Caller;
import dev.cairn.workspace.reports.ReportSpec;
import dev.cairn.workspace.schema.ColumnSpec;
import dev.cairn.workspace.schema.TableSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workspace's share pages without JavaScript: the link shown once, form mistakes next to their fields, CSRF on
 * every form, viewers read the list but change nothing, strangers get 404, and names are escaped.
 */
class SharePagesTest {
    @TempDir
    static Path dir;
    static TestServer server;
    static WebClient owner;
    static long report;
    static final String BASE = "/web/workspace/sharer";

    @BeforeAll
    static void start() throws Exception {
        server = WorkspaceServer.start(dir.resolve("server"));
        owner = new WebClient(server);
        assertThat(owner.signUp("sharer", "sharer-password").statusCode()).isEqualTo(303);
        WorkspaceModule ws = WorkspaceServer.module(server);
        Caller c = ws.workspaces().resolve(server.core().accounts().require("sharer").id(), "sharer", null, false);
        ws.tables().create(c, new TableSpec("notes", null, List.of(ColumnSpec.of("text", TEXT))));
        new JsonRecords(ws.records()).create(c, "notes", new ObjectMapper().readTree("{\"text\": \"hello\"}"));
        report = ws.reports().create(c, new ReportSpec(null, "<script>alert(1)</script> notes", "notes", null, null,
                null, null, null, null)).id();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void theNewLinkIsShownOnceAndListedWithoutIt() throws Exception {
        var list = owner.get(BASE + "/shares");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt; notes").doesNotContain("<script>alert");
        var form = owner.get(BASE + "/shares/new?report=" + report);
        assertThat(form.statusCode()).isEqualTo(200);
        var created = owner.post(BASE + "/shares", "report", String.valueOf(report), "expires", "", "passphrase", "");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String url = created.body().replaceAll("(?s).*id=\"share-url\" type=\"text\" readonly value=\"([^\"]+)\".*",
                "$1");
        assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+/share/[A-Za-z0-9_-]{43}");
        String token = url.substring(url.lastIndexOf('/') + 1);
        var again = owner.get(BASE + "/shares");
        assertThat(again.body()).doesNotContain(token).contains("id=\"shares\"");
        var shared = owner.get("/share/" + token);
        assertThat(shared.statusCode()).isEqualTo(200);
        assertThat(shared.body()).contains("hello").doesNotContain("<script>alert");
    }

    /**
     * With the owner's time zone set (Tokyo, UTC+9), "valid until" is the end of the day typed in Tokyo and listed as
     * typed, and the anonymous reader of the link sees the times in the owner's zone, named.
     */
    @Test
    void theListAndTheSharePageShowTimesInTheOwnersZone() throws Exception {
        owner.get("/account/password");
        assertThat(owner.post("/account/time-zone", "zone", "Asia/Tokyo").statusCode()).isEqualTo(303);
        try {
            owner.get(BASE + "/shares/new?report=" + report);
            var created = owner.post(BASE + "/shares", "report", String.valueOf(report), "expires", "2030-01-31",
                    "passphrase", "");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            String url = created.body().replaceAll("(?s).*id=\"share-url\" type=\"text\" readonly value=\"([^\"]+)"
                    + "\".*", "$1");
            WorkspaceModule ws = WorkspaceServer.module(server);
            Caller c = ws.workspaces().resolve(server.core().accounts().require("sharer").id(), "sharer", null, false);
            assertThat(ws.shares().list(c).getFirst().expiresAt()).hasToString("2030-01-31T15:00:00Z");
            assertThat(owner.get(BASE + "/shares").body()).contains("2030-01-31 (end of day)");
            var shared = new WebClient(server).get(url.substring(url.indexOf("/share/")));
            assertThat(shared.statusCode()).isEqualTo(200);
            assertThat(shared.body()).containsPattern("id=\"generated-at\"[^>]*>\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d JST<");
        } finally {
            owner.get("/account/password");
            owner.post("/account/time-zone", "zone", "UTC");
        }
    }

    @Test
    void mistakesComeBackNextToTheirFieldsAndNothingIsCreated() throws Exception {
        int before = WorkspaceServer.module(server).shares().list(caller()).size();
        owner.get(BASE + "/shares/new?report=" + report);
        var bad = owner.post(BASE + "/shares", "report", String.valueOf(report), "expires", "2001-01-01",
                "passphrase", "short");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("id=\"passphrase-error\"", "id=\"expires-error\"", "aria-invalid=\"true\"")
                .doesNotContain("value=\"short\"");
        var badDate = owner.post(BASE + "/shares", "report", String.valueOf(report), "expires", "tomorrow");
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(badDate.body()).contains("YYYY-MM-DD");
        var forged = owner.postRaw(BASE + "/shares", Map.of("report", String.valueOf(report)), Map.of());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(WorkspaceServer.module(server).shares().list(caller())).hasSize(before);
    }

    @Test
    void revocationAsksFirstAndNeedsTheCsrfToken() throws Exception {
        long id = WorkspaceServer.module(server).shares().create(caller(), new dev.cairn.workspace.shares.ShareRequest(report, null,
                null, null)).share().id();
        var confirm = owner.get(BASE + "/shares/" + id + "/revoke");
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.body()).contains("Revoke link");
        assertThat(owner.postRaw(BASE + "/shares/" + id + "/revoke", Map.of(), Map.of()).statusCode()).isEqualTo(403);
        assertThat(WorkspaceServer.module(server).shares().get(caller(), id).status()).isEqualTo("active");
        owner.get(BASE + "/shares/" + id + "/revoke");
        var revoked = owner.post(BASE + "/shares/" + id + "/revoke");
        assertThat(revoked.statusCode()).isEqualTo(303);
        assertThat(revoked.headers().firstValue("Location")).hasValue(BASE + "/shares?done=share-revoked");
        assertThat(WorkspaceServer.module(server).shares().get(caller(), id).status()).isEqualTo("revoked");
        assertThat(owner.get(BASE + "/shares/" + id).body()).contains("id=\"share-status\">revoked<");
    }

    @Test
    void viewersReadTheListOnlyAndStrangersSeeNothing() throws Exception {
        long id = WorkspaceServer.module(server).shares().create(caller(), new dev.cairn.workspace.shares.ShareRequest(report, null,
                null, null)).share().id();
        WebClient stranger = new WebClient(server);
        assertThat(stranger.signUp("stranger", "stranger-password").statusCode()).isEqualTo(303);
        for (String path : List.of(BASE + "/shares", BASE + "/shares/" + id, BASE + "/shares/new?report=" + report)) {
            assertThat(stranger.get(path).statusCode()).as(path).isEqualTo(404);
        }
        WebClient viewer = new WebClient(server);
        assertThat(viewer.signUp("watcher", "watcher-password").statusCode()).isEqualTo(303);
        var invite = WorkspaceServer.module(server).workspaces().invite(caller(), "watcher@example.com", "viewer");
        WorkspaceServer.module(server).workspaces().accept(server.core().accounts().require("watcher").id(), invite.code());
        var list = viewer.get(BASE + "/shares");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("id=\"share-" + id + "\"").doesNotContain("Share a report", "/revoke");
        assertThat(viewer.get(BASE + "/shares/" + id).statusCode()).isEqualTo(403);
        assertThat(viewer.get(BASE + "/shares/new?report=" + report).statusCode()).isEqualTo(403);
        viewer.get(BASE + "/shares");
        assertThat(viewer.post(BASE + "/shares/" + id + "/revoke").statusCode()).isEqualTo(403);
        assertThat(viewer.post(BASE + "/shares", "report", String.valueOf(report)).statusCode()).isEqualTo(403);
        assertThat(WorkspaceServer.module(server).shares().get(caller(), id).status()).isEqualTo("active");
    }

    private static Caller caller() {
        return WorkspaceServer.module(server).workspaces().resolve(server.core().accounts().require("sharer").id(),
                "sharer", null, false);
    }
}
