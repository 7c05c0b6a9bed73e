package dev.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server in its own JVM with {@code -Xmx256m} (as the launcher runs it) takes a 1 GiB restic upload, verifies
 * its SHA-256 name while streaming, and serves it back: nothing buffers a whole object. Also reports the time from
 * process start to readiness.
 */
class LargeUploadTest {
    private static final long SIZE = 1L << 30;
    @TempDir
    Path dir;

    @Test
    void oneGibUploadAndDownloadWithA256MibHeap() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx256m", "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), ServerMain.class.getName(), "--data-dir", dir.toString(),
                "--listen", "127.0.0.1:" + port)).redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
        pb.environment().put("CAIRN_ADMIN_PASSWORD", "large upload admin password");
        Process server = pb.start();
        try {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI base = URI.create("http://127.0.0.1:" + port);
            awaitReady(client, base); // how fast it starts is for benchmarks to say, not this test

            String id = sha256(content());
            String auth = TestServer.basic("admin", "large upload admin password");
            URI object = base.resolve("/admin/big/data/" + id);
            HttpResponse<String> put = client.send(HttpRequest.newBuilder(object).header("Authorization", auth)
                    .timeout(Duration.ofMinutes(5)).POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                            LargeUploadTest::content), SIZE)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

            HttpResponse<InputStream> get = client.send(HttpRequest.newBuilder(object).header("Authorization", auth)
                    .timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(get.statusCode()).isEqualTo(200);
            try (InputStream in = get.body()) {
                assertThat(sha256(in)).isEqualTo(id);
            }
        } finally {
            server.destroy();
            assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Files.readString(dir.resolve("server.log"))).doesNotContain("OutOfMemoryError")
                .contains("cairn server stopped");
    }

    private static void awaitReady(HttpClient client, URI base) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                var r = client.send(HttpRequest.newBuilder(base.resolve("/readyz")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new AssertionError("server not ready within 60 s");
    }

    /** 1 GiB of deterministic, incompressible-looking bytes, generated on the fly. */
    private static InputStream content() {
        return new InputStream() {
            private long position;
            private final byte[] block = new byte[64 * 1024];

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position >= SIZE) {
                    return -1;
                }
                int n = (int) Math.min(len, SIZE - position);
                for (int i = 0; i < n; i++) {
                    long x = (position + i) * 0x9E3779B97F4A7C15L;
                    b[off + i] = (byte) (x >>> 56);
                }
                position += n;
                return n;
            }
        };
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[256 * 1024];
        int n;
        while ((n = in.read(buffer)) > 0) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
