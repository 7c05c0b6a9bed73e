package dev.cairn.agent.mount;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rclone's WebDAV backend against the mount: listing with sizes and times, a byte-exact copy of a multi-blob file, ranged
 * reads. The 1 GiB copy with throughput is bench/webdav.sh; CI copies {@link #BIG} bytes.
 */
@DisplayName("rclone reads the mount as a WebDAV remote")
class RcloneWebDavTest {
    static final int BIG = 40 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path tmp;
    static MountFixture fx;
    static Rclone rclone;
    static String src;

    @BeforeAll
    static void serve() throws Exception {
        Rclone.ensureInstalled();
        fx = MountFixture.create(tmp, BIG).serve();
        rclone = new Rclone(fx.url(), tmp);
        src = fx.firstSourcePath();
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    @Test
    @DisplayName("lsjson -R: every file with its size and modification time, directories as directories, no symlink")
    void listsRecursively() throws Exception {
        JsonNode list = JSON.readTree(rclone.ok("lsjson", "-R", ":webdav:" + src));
        Map<String, JsonNode> byPath = new HashMap<>();
        list.forEach(n -> byPath.put(n.get("Path").asText(), n));
        assertThat(byPath).containsOnlyKeys("notes.txt", "docs", "docs/report.html", "docs/deep", "docs/deep/" + MountFixture.ODD_NAME,
                "empty.bin", "big.bin");
        assertThat(byPath.get("big.bin").get("Size").asLong()).isEqualTo(BIG);
        assertThat(byPath.get("docs").get("IsDir").asBoolean()).isTrue();
        assertThat(Instant.parse(byPath.get("big.bin").get("ModTime").asText())).isEqualTo(MountFixture.FILE_MTIME);
        JsonNode snapshots = JSON.readTree(rclone.ok("lsjson", ":webdav:/snapshots"));
        assertThat(snapshots).extracting(n -> n.get("Name").asText()).containsExactly("2026-12-06T15:04:05Z", "2026-12-06T16:04:05Z");
    }

    @Test
    @DisplayName("copy: the tree comes out byte-exact, the multi-blob file included")
    void copiesByteExact() throws Exception {
        Path out = tmp.resolve("copy");
        rclone.ok("copy", ":webdav:" + src, out.toString());
        assertThat(Files.mismatch(out.resolve("big.bin"), fx.big)).isEqualTo(-1L);
        assertThat(Files.readString(out.resolve("notes.txt"))).isEqualTo("first version\n");
        assertThat(Files.readString(out.resolve("docs/deep/" + MountFixture.ODD_NAME))).isEqualTo("odd");
        assertThat(Files.size(out.resolve("empty.bin"))).isZero();
        assertThat(Files.getLastModifiedTime(out.resolve("big.bin")).toInstant()).isEqualTo(MountFixture.FILE_MTIME);
        assertThat(fx.problems).isEmpty();
    }

    @Test
    @DisplayName("with a password: rclone gets in with user cairn and it, and not without")
    void password() throws Exception {
        MountOptions locked = new MountOptions(new ListenAddress("127.0.0.1", 0), "s3cret-pass", MountOptions.DEFAULT_CACHE_BYTES, 2);
        try (DavServer server = fx.start(locked)) {
            String url = "http://127.0.0.1:" + server.address().getPort();
            Path dir = Files.createDirectories(tmp.resolve("auth"));
            assertThat(new Rclone(url, dir).run("lsjson", ":webdav:/snapshots").exitCode()).isNotZero();
            JsonNode list = JSON.readTree(new Rclone(url, dir).withPassword("s3cret-pass").ok("lsjson", ":webdav:/snapshots"));
            assertThat(list).hasSize(2);
        }
    }

    @Test
    @DisplayName("cat --offset --count: ranges anywhere in the file, across blob boundaries")
    void rangedReads() throws Exception {
        byte[] expected = new byte[3_000_000];
        long[] offsets = {0, 1_234_567, BIG / 2 - 1_500_000, BIG - expected.length};
        for (long offset : offsets) {
            Rclone.Result r = rclone.run("cat", "--offset", Long.toString(offset), "--count", Integer.toString(expected.length),
                    ":webdav:" + src + "/big.bin");
            assertThat(r.exitCode()).as(r.err()).isZero();
            try (InputStream in = Files.newInputStream(fx.big)) {
                in.skipNBytes(offset);
                in.readNBytes(expected, 0, expected.length);
            }
            assertThat(Arrays.equals(r.stdout(), expected)).as("offset " + offset).isTrue();
        }
    }
}
