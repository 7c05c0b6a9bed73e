package dev.cairn.workspace.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.server.TestServer;
import dev.cairn.server.web.WebClient;
import dev.cairn.workspace.WorkspaceServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The import page: a CSV upload is checked at once with the columns matched by name, every problem is listed with
 * its row and column, an unmatched file column is reported until mapped or skipped, the mapping is changed without
 * sending the file again, and the import stores all rows or none.
 */
class ImportPagesTest {
    private static final Pattern UPLOAD = Pattern.compile("name=\"upload\" value=\"([0-9a-f]+)\"");
    @TempDir
    static Path dir;
    static TestServer server;
    static WebClient owner;
    static final String BASE = "/web/workspace/imowner";

    @BeforeAll
    static void start() throws Exception {
        server = WorkspaceServer.start(dir.resolve("server"));
        owner = new WebClient(server);
        assertThat(owner.signUp("imowner", "imowner-password").statusCode()).isEqualTo(303);
        owner.get(BASE + "/tables");
        assertThat(owner.post(BASE + "/templates", "template", "orders-and-billing").statusCode()).isEqualTo(303);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void aCsvIsCheckedMappedAndImportedAllOrNothing() throws Exception {
        assertThat(owner.get(BASE + "/tables/customers/import").body()).contains("enctype=\"multipart/form-data\"");
        String csv = "Name,Email,Fax\nAcme <b>Ltd</b>,acme@example.com,1\n,not-an-email,2\nBeta,beta@example.com,3\n";
        var first = owner.postFile(BASE + "/tables/customers/import", "file", "customers.csv",
                csv.getBytes(StandardCharsets.UTF_8));
        assertThat(first.statusCode()).isEqualTo(422);
        assertThat(first.body()).contains("File column 'Fax' matches no column")
                .contains("choose its table column under \u201cColumns\u201d above, or \u201c(skip this column)\u201d")
                .doesNotContain("map=").contains("File column Fax");
        Matcher m = UPLOAD.matcher(first.body());
        assertThat(m.find()).isTrue();
        String upload = m.group(1);

        var checked = owner.post(BASE + "/tables/customers/import", "upload", upload, "map_0", "name",
                "map_1", "email", "map_2", "", "action", "check");
        assertThat(checked.statusCode()).isEqualTo(200);
        assertThat(checked.body()).contains("3 row(s) read, 2 valid, 2 problem(s).").contains("Row 3: name")
                .contains("Row 3: email").contains("Acme &lt;b&gt;Ltd&lt;/b&gt;").doesNotContain("<b>Ltd");

        var refused = owner.post(BASE + "/tables/customers/import", "upload", upload, "map_0", "name",
                "map_1", "email", "map_2", "", "action", "import");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("nothing was imported").contains("Row 3: email");
        assertThat(owner.get(BASE + "/tables/customers").body()).contains("id=\"no-records\"");

        var fixed = owner.postFile(BASE + "/tables/customers/import", "file", "fixed.csv",
                "Name,Email\nAcme,acme@example.com\nBeta,beta@example.com\n".getBytes(StandardCharsets.UTF_8));
        assertThat(fixed.body()).contains("2 row(s) read, 2 valid, 0 problem(s). Ready to import.");
        Matcher f = UPLOAD.matcher(fixed.body());
        assertThat(f.find()).isTrue();
        var imported = owner.post(BASE + "/tables/customers/import", "upload", f.group(1), "map_0", "name",
                "map_1", "email", "action", "import");
        assertThat(imported.statusCode()).isEqualTo(201);
        assertThat(imported.body()).contains("Imported 2 record(s) from fixed.csv");
        assertThat(owner.get(BASE + "/tables/customers").body()).contains("Acme").contains("Beta");
        var again = owner.post(BASE + "/tables/customers/import", "upload", f.group(1), "action", "import");
        assertThat(again.statusCode()).isEqualTo(404); // the upload is gone once imported
    }

    @Test
    void uploadsNeedTheCsrfTokenAndAreRefusedToViewers() throws Exception {
        WebClient stranger = new WebClient(server);
        stranger.signUp("imstranger", "imstranger-password");
        stranger.get("/");
        assertThat(stranger.postFile(BASE + "/tables/customers/import", "file", "x.csv", "Name\nX\n".getBytes(
                StandardCharsets.UTF_8)).statusCode()).isEqualTo(404);
        owner.get(BASE + "/tables/customers/import");
        var forged = owner.postRaw(BASE + "/tables/customers/import", java.util.Map.of("upload", "00"),
                java.util.Map.of());
        assertThat(forged.statusCode()).isEqualTo(403);
    }
}
