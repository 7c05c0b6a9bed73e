package dev.cairn.workspace.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cairn.server.TestServer;
import dev.cairn.server.account.Account;
import dev.cairn.server.web.WebClient;
import dev.cairn.workspace.JsonRecords;
import dev.cairn.workspace.WorkspaceServer;
import dev.cairn.workspace.members.Caller;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The table designer without JavaScript: a table built column by column, refused changes shown next to their fields
 * with the typed values kept, rename, soft removal and purge (with what is lost), table rename and deletion, escaping,
 * CSRF, and the owner-only rule.
 */
class DesignerPagesTest {
    @TempDir
    static Path dir;
    static TestServer server;
    static WebClient owner;
    static final String BASE = "/web/workspace/dsowner";

    @BeforeAll
    static void start() throws Exception {
        server = WorkspaceServer.start(dir.resolve("server"));
        owner = new WebClient(server);
        assertThat(owner.signUp("dsowner", "dsowner-password").statusCode()).isEqualTo(303);
        owner.get(BASE + "/tables");
        assertThat(owner.post(BASE + "/templates", "template", "orders-and-billing").statusCode()).isEqualTo(303);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static Caller ownerCaller() {
        Account a = server.core().accounts().require("dsowner");
        return WorkspaceServer.module(server).workspaces().resolve(a.id(), "dsowner", null, false);
    }

    static String location(HttpResponse<String> r) {
        return r.headers().firstValue("Location").orElseThrow();
    }

    @Test
    void aTableIsDesignedColumnByColumnAndRefusedChangesKeepWhatWasTyped() throws Exception {
        assertThat(owner.get(BASE + "/new-table").body()).contains("<h1>New table</h1>");
        var created = owner.post(BASE + "/tables", "table_name", "projects", "table_label", "<b>Projects</b>",
                "name", "title", "type", "text", "required", "on");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(303);
        assertThat(location(created)).isEqualTo(BASE + "/tables/projects/design?done=table-created");
        var design = owner.get(location(created));
        assertThat(design.body()).contains("Design of &lt;b&gt;Projects&lt;/b&gt;").doesNotContain("<b>Projects")
                .contains("The table was created.");

        add("name", "stage", "type", "choice", "choices", "idea\nactive\ndone", "default", "idea");
        add("name", "budget", "type", "money", "currency", "eur", "scale", "2");
        add("name", "client", "type", "reference", "references", "customers");
        new JsonRecords(WorkspaceServer.module(server).records()).create(ownerCaller(), "projects",
                JsonNodeFactory.instance.objectNode().put("title", "First"));
        String table = owner.get(BASE + "/tables/projects/design").body();
        assertThat(table).contains("choices: idea, active, done").contains("EUR, 2 decimals")
                .contains("refers to Customers");

        owner.get(BASE + "/tables/projects/design");
        var noDefault = owner.post(BASE + "/tables/projects/columns", "name", "owner_name", "type", "text",
                "required", "on", "label", "Owner");
        assertThat(noDefault.statusCode()).isEqualTo(422);
        assertThat(noDefault.body()).contains("id=\"add-default-error\"").contains("needs a default")
                .contains("value=\"owner_name\"").contains("value=\"Owner\"");

        var badDefault = owner.post(BASE + "/tables/projects/columns", "name", "hours", "type", "integer",
                "default", "many");
        assertThat(badDefault.statusCode()).isEqualTo(422);
        assertThat(badDefault.body()).contains("id=\"add-default-error\"").contains("value=\"many\"");

        var required = owner.post(BASE + "/tables/projects/columns/budget", "name", "budget", "required", "on");
        assertThat(required.statusCode()).isEqualTo(422);
        assertThat(required.body()).contains("id=\"col-budget-required-error\"").contains("have no value")
                .contains("<details id=\"col-budget\" open>");

        var renamed = owner.post(BASE + "/tables/projects/columns/title", "name", "heading", "label", "Heading",
                "required", "on", "unique", "on");
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(303);
        assertThat(owner.get(BASE + "/tables/projects/records/1").body()).contains("value=\"First\"")
                .contains("Heading (required)");

        owner.get(BASE + "/tables/projects/design");
        assertThat(owner.post(BASE + "/tables/projects/columns/stage/remove").statusCode()).isEqualTo(303);
        assertThat(owner.get(BASE + "/tables/projects/design").body())
                .contains("Removed columns (data kept until purged): stage.");
        var purge = owner.get(BASE + "/purge");
        assertThat(purge.body()).contains("The removed column projects.stage").contains("cannot be undone");
        assertThat(owner.post(BASE + "/purge").statusCode()).isEqualTo(303);

        assertThat(owner.get(BASE + "/purge").body()).contains("Nothing to purge");

        owner.get(BASE + "/tables/projects/design");
        var tableRenamed = owner.post(BASE + "/tables/projects/design", "table_name", "project_list",
                "table_label", "Projects");
        assertThat(location(tableRenamed)).isEqualTo(BASE + "/tables/project_list/design?done=table-saved");
        owner.get(BASE + "/tables/project_list/design");
        var clash = owner.post(BASE + "/tables/project_list/design", "table_name", "customers", "table_label", "");
        assertThat(clash.statusCode()).isEqualTo(409);
        assertThat(clash.body()).contains("id=\"table_name-error\"").contains("exists already");

        var confirm = owner.get(BASE + "/tables/project_list/delete-table");
        assertThat(confirm.body()).contains("Delete the table Projects?").contains("kept until an owner purges");
        assertThat(owner.post(BASE + "/tables/project_list/delete-table").statusCode()).isEqualTo(303);
        assertThat(owner.get(BASE + "/tables").body()).doesNotContain("project_list");
    }

    private static void add(String... fields) throws Exception {
        owner.get(BASE + "/tables/projects/design");
        var r = owner.post(BASE + "/tables/projects/columns", fields);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
    }

    @Test
    void aReferencedTableCannotBeDeletedAndTheReasonIsShown() throws Exception {
        owner.get(BASE + "/tables/customers/delete-table");
        var refused = owner.post(BASE + "/tables/customers/delete-table");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("The table was not deleted").contains("orders.customer")
                .contains("role=\"alert\"");
    }

    @Test
    void onlyTheOwnerChangesTheDesignAndFormsNeedTheCsrfToken() throws Exception {
        WebClient editor = new WebClient(server);
        editor.signUp("dseditor", "dseditor-password");
        Account editorAccount = server.core().accounts().require("dseditor");
        var invite = WorkspaceServer.module(server).workspaces().invite(ownerCaller(), "dseditor@example.com", "editor");
        WorkspaceServer.module(server).workspaces().accept(editorAccount.id(), invite.code());

        var view = editor.get(BASE + "/tables/customers/design");
        assertThat(view.statusCode()).isEqualTo(200);
        assertThat(view.body()).contains("id=\"design-columns\"").doesNotContain("Add column")
                .doesNotContain("Remove column");
        assertThat(editor.get(BASE + "/new-table").statusCode()).isEqualTo(403);
        assertThat(editor.post(BASE + "/tables/customers/columns", "name", "x", "type", "text").statusCode())
                .isEqualTo(403);
        assertThat(editor.post(BASE + "/tables/customers/columns/phone/remove").statusCode()).isEqualTo(403);
        assertThat(editor.post(BASE + "/purge").statusCode()).isEqualTo(403);

        owner.get(BASE + "/tables/customers/design");
        var forged = owner.postRaw(BASE + "/tables/customers/columns/phone/remove", Map.of(), Map.of());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(owner.get(BASE + "/tables/customers/design").body()).contains("Remove column phone");

        WebClient stranger = new WebClient(server);
        stranger.signUp("dsstranger", "dsstranger-password");
        assertThat(stranger.get(BASE + "/tables/customers/design").statusCode()).isEqualTo(404);
    }
}
