package dev.cairn.agent.mount;

import static dev.cairn.agent.mount.DavClient.hrefs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.blob.LocalBlobStore;
import dev.cairn.engine.backup.Archiver;
import dev.cairn.engine.backup.ArchiverOptions;
import dev.cairn.engine.repo.Environment;
import dev.cairn.engine.repo.Repositories;
import dev.cairn.engine.repo.Repository;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mount that is running sees a snapshot another process adds: it appears under /snapshots/ and /latest/ within the
 * refresh interval, and its new data (in packs and an index file the mount had not read) is served.
 */
class SnapshotRefreshTest {
    @TempDir
    Path tmp;

    @Test
    void aSnapshotAddedMeanwhileAppearsWithinTheIntervalAndItsNewDataIsServed() throws Exception {
        try (MountFixture fx = MountFixture.create(tmp, 1 << 20)) {
            fx.serve(new MountOptions(new ListenAddress("127.0.0.1", 0), null, MountOptions.DEFAULT_CACHE_BYTES, 4,
                    Duration.ofMillis(200)));
            DavClient dav = new DavClient(fx.url());
            String latestSrc = "/latest" + fx.source.toAbsolutePath();
            assertThat(hrefs(dav.propfind("/snapshots/", "1"))).hasSize(3); // the collection and two snapshots
            assertThat(dav.send("GET", latestSrc + "/added.txt", null).statusCode()).isEqualTo(404);

            Files.writeString(fx.source.resolve("added.txt"), "written after the mount started");
            try (LocalBlobStore store = LocalBlobStore.open(tmp.resolve("repo"));
                 Repository other = Repositories.open(store, "pw".toCharArray(), Environment.system(), tmp.resolve("other-cache"))) {
                Archiver.create(other, ArchiverOptions.defaults().withHostname("laptop"), null).run(List.of(fx.source));
            }

            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (hrefs(dav.propfind("/snapshots/", "1")).size() < 4 && System.nanoTime() < end) {
                Thread.sleep(50);
            }
            assertThat(hrefs(dav.propfind("/snapshots/", "1"))).as("problems: %s", fx.problems).hasSize(4);
            HttpResponse<byte[]> added = dav.send("GET", latestSrc + "/added.txt", null);
            assertThat(added.statusCode()).isEqualTo(200);
            assertThat(new String(added.body(), StandardCharsets.UTF_8)).isEqualTo("written after the mount started");
            assertThat(fx.server.refresh()).as("nothing new since").isFalse();
            assertThat(fx.problems).isEmpty();
        }
    }
}
