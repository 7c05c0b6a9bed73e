package dev.cairn.server.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.protocol.TokenScope;
import dev.cairn.server.TestServer;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server started after a crash removes the temp files that uploads interrupted by the crash left in tenants'
 * repositories, at once rather than after an hour, and keeps every stored object. (That a temp file of a live upload
 * in another process is kept is {@code LocalBlobStoreTempFilesTest}'s.)
 */
class AbandonedUploadsTest {
    @TempDir
    Path dir;

    @Test
    void tempFilesOfInterruptedUploadsAreRemovedWhenTheServerStarts() throws Exception {
        String object = "/api/v1/repos/laptop/objects/data/" + "cd".repeat(32);
        Path leftover;
        String token;
        try (TestServer server = TestServer.start(dir)) {
            long id = server.account("crashy").id();
            token = server.token("crashy", TokenScope.FULL);
            var put = server.send(server.request(object).header("Authorization", "Bearer " + token)
                    .PUT(HttpRequest.BodyPublishers.ofString("kept")).build());
            assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
            Path tmp = dir.resolve("store/tenants/" + id + "/laptop/tmp");
            assertThat(tmp).isDirectory();
            leftover = Files.writeString(tmp.resolve("data-4711.tmp"), "half of a pack from a killed upload");
        }
        assertThat(leftover).exists();
        try (TestServer server = TestServer.start(dir)) {
            assertThat(leftover).doesNotExist();
            var get = server.send(server.request(object).header("Authorization", "Bearer " + token).GET().build());
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(get.body()).isEqualTo("kept");
        }
    }
}
