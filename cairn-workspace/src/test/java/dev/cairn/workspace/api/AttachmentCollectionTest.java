package dev.cairn.workspace.api;

import static dev.cairn.workspace.api.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.protocol.TokenScope;
import dev.cairn.server.TestServer;
import dev.cairn.testkit.MutableClock;
import dev.cairn.workspace.WorkspaceFeature;
import dev.cairn.workspace.WorkspaceServer;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADR 29: an upload stays while any version of any record names it (current, replaced, deleted), and one nothing
 * names goes once it is older than the grace, with its bytes leaving the quota; an upload attached during the grace
 * stays.
 */
class AttachmentCollectionTest {
    @TempDir
    Path dir;

    @Test
    void onlyUploadsNoVersionNamesAreCollected() throws Exception {
        MutableClock clock = MutableClock.create();
        try (TestServer server = TestServer.start(dir, c -> c, clock, List.of(new WorkspaceFeature()))) {
            server.account("ann");
            Api ann = Api.bearer(server, server.token("ann", TokenScope.FULL));
            ann.post("/tables", "{'name': 'docs', 'columns': [{'name': 'file', 'type': 'attachment'}]}");
            String replaced = upload(ann, "old.txt", 100);
            String current = upload(ann, "new.txt", 200);
            String ofDeleted = upload(ann, "gone.txt", 300);
            String orphan = upload(ann, "never.txt", 400);
            long id = json(ann.post("/tables/docs/records", "{'file': '" + replaced + "'}")).get("id").asLong();
            ann.patch("/tables/docs/records/" + id, "{'file': '" + current + "'}", "If-Match", "\"1\"");
            long deleted = json(ann.post("/tables/docs/records", "{'file': '" + ofDeleted + "'}")).get("id").asLong();
            assertThat(ann.delete("/tables/docs/records/" + deleted).statusCode()).isEqualTo(204);
            long account = server.core().accounts().find("ann").orElseThrow().id();
            long before = server.core().quota().usage(account).storedBytes();

            var attachments = WorkspaceServer.module(server).attachments();
            assertThat(attachments.collect(Duration.ofDays(1))).as("all are younger than the grace").isZero();
            clock.advance(Duration.ofHours(25));
            String late = upload(ann, "late.txt", 500);
            clock.advance(Duration.ofHours(25));
            ann.post("/tables/docs/records", "{'file': '" + late + "'}");

            assertThat(attachments.collect(Duration.ofDays(1))).isEqualTo(1);
            assertThat(download(server, ann, orphan)).isEqualTo(404);
            for (String kept : List.of(replaced, current, ofDeleted, late)) {
                assertThat(download(server, ann, kept)).as(kept).isEqualTo(200);
            }
            assertThat(server.core().quota().usage(account).storedBytes()).isEqualTo(before + 500 - 400);
            assertThat(attachments.collect(Duration.ofDays(1))).as("nothing more to collect").isZero();
        }
    }

    private static String upload(Api who, String name, int size) {
        var r = who.send(who.request("/attachments?name=" + name).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[size])));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).get("id").asText();
    }

    private static int download(TestServer server, Api who, String id) throws Exception {
        return server.sendBytes(who.request("/attachments/" + id).GET().build()).statusCode();
    }
}
