package dev.cairn.export.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.cairn.export.ExportFeature;
import dev.cairn.export.crypt.Age;
import dev.cairn.export.http.ExportApi;
import dev.cairn.export.http.RestoreApi;
import dev.cairn.protocol.TokenScope;
import dev.cairn.server.TestServer;
import dev.cairn.server.web.Chromium;
import dev.cairn.workspace.WorkspaceFeature;
import dev.cairn.workspace.members.Workspaces;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Restore from a copy" in a real headless Chromium with JavaScript off: the owner uploads the decrypted copy (the ZIP
 * {@code age -d} makes of a downloaded export), sees the diff of a record added since, confirms, and the record is gone;
 * an editor and a viewer of the workspace get 403 from the restore API. A screenshot of the diff is left in
 * {@code target/restore-diff.png}.
 */
class RestoreBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    @Test
    void theOwnerUploadsACopySeesTheDiffAndConfirms() throws Exception {
        List<String> problems = new CopyOnWriteArrayList<>();
        try (TestServer server = TestServer.start(dir.resolve("server"), c -> c,
                List.of(new WorkspaceFeature(), new ExportFeature()));
                Chromium.Session chrome = Chromium.launch();
                BrowserContext context = chrome.browser().newContext(new Browser.NewContextOptions()
                        .setBaseURL(server.uri("").toString()).setJavaScriptEnabled(false))) {
            server.account("ann");
            String token = server.token("ann", TokenScope.FULL);
            String[] identity = Age.newIdentity();
            send(server, token, "POST", ExportApi.RECIPIENTS, "{\"name\":\"nas\",\"recipient\":\"" + identity[1]
                    + "\"}");
            send(server, token, "POST", "/api/v1/workspace/tables", "{\"name\":\"notes\",\"columns\":[{\"name\":"
                    + "\"text\",\"type\":\"text\"}]}");
            send(server, token, "POST", "/api/v1/workspace/tables/notes/records", "{\"text\":\"kept\"}");
            Path zip = decryptedCopy(server, token, identity[0]);
            send(server, token, "POST", "/api/v1/workspace/tables/notes/records", "{\"text\":\"added later\"}");

            Page page = context.newPage();
            page.onPageError(problems::add);
            page.navigate("/login");
            page.getByLabel("Account name or email").fill("ann");
            page.getByLabel("Password").fill(TestServer.password("ann"));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Onsite copy")).click();
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Restore from a copy")).click();
            page.getByLabel("Decrypted copy (.zip)").setInputFiles(zip);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show what would change")).click();
            assertThat(page.locator("#table-notes").textContent()).contains("same", "0", "1");
            assertThat(page.locator("#diff").textContent()).contains("deleted", "read from jsonl");
            page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(Path.of("target/restore-diff.png")));
            assertThat(texts(server, token)).containsExactly("kept", "added later");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Restore this copy")).click();
            assertThat(page.locator("[role=status]").first().textContent()).contains("Restored");
            assertThat(texts(server, token)).containsExactly("kept");

            for (String role : List.of("editor", "viewer")) {
                String member = memberOf(server, role);
                HttpResponse<String> r = server.send(server.request(RestoreApi.DIFF)
                        .header("Authorization", "Bearer " + server.token(member, TokenScope.FULL))
                        .header("X-Cairn-Workspace", "ann").header("Content-Type", "application/zip")
                        .POST(HttpRequest.BodyPublishers.ofFile(zip)).build());
                assertThat(r.statusCode()).as(role + ": " + r.body()).isEqualTo(403);
                assertThat(r.body()).contains("only an owner");
            }
        }
        assertThat(problems).isEmpty();
    }

    /** A member of ann's workspace with {@code role}, by invitation. */
    private static String memberOf(TestServer server, String role) {
        WorkspaceFeature.Started ws = (WorkspaceFeature.Started) server.core().features().stream()
                .filter(f -> f instanceof WorkspaceFeature.Started).findFirst().orElseThrow();
        Workspaces workspaces = ws.module().workspaces();
        long ann = server.core().accounts().require("ann").id();
        var owner = workspaces.resolve(ann, "ann", null, false);
        long member = server.account(role + "1").id();
        workspaces.accept(member, workspaces.invite(owner, role + "1@example.com", role).code());
        return role + "1";
    }

    private Path decryptedCopy(TestServer server, String token, String identity) throws Exception {
        long id = JSON.readTree(send(server, token, "POST", ExportApi.EXPORTS, "{\"formats\":[\"jsonl\"]}"))
                .get("id").asLong();
        for (int i = 0; i < 6000; i++) {
            JsonNode e = JSON.readTree(send(server, token, "GET", ExportApi.EXPORTS, null)).get("exports").get(0);
            if (e.get("status").asText().equals("done")) {
                byte[] bundle = server.sendBytes(server.request(ExportApi.EXPORTS + "/" + id)
                        .header("Authorization", "Bearer " + token).build()).body();
                Path zip = dir.resolve("copy.zip");
                Files.write(zip, Age.decrypt(new ByteArrayInputStream(bundle), identity).readAllBytes());
                return zip;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the export did not end");
    }

    private static List<String> texts(TestServer server, String token) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        JSON.readTree(send(server, token, "GET", "/api/v1/workspace/tables/notes/records?sort=id", null))
                .get("records").forEach(r -> out.add(r.get("text").asText()));
        return out;
    }

    private static String send(TestServer server, String token, String method, String path, String body)
            throws Exception {
        HttpRequest.Builder b = server.request(path).header("Authorization", "Bearer " + token).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = server.send(b.build());
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
        return r.body();
    }
}
