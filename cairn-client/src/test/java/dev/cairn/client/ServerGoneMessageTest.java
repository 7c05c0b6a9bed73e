package dev.cairn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobStore;
import dev.cairn.blob.TransientBlobStoreException;
import dev.cairn.testkit.FakeSleeper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpConnectTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * A server that goes away mid-run (issue 21, found by the reliability harness's server-killed fault): the retries give
 * up with "connection refused: is the server at HOST:PORT running?", not the JDK's bare {@code java.net.ConnectException}.
 */
class ServerGoneMessageTest {
    private static final BlobName INDEX = BlobName.of(BlobKind.INDEX, "cd".repeat(32));

    @Test
    void aServerThatWentAwaySaysConnectionRefusedAndNamesTheServer() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(404, -1); // the probe: no config yet
            exchange.close();
        });
        server.start();
        int port = server.getAddress().getPort();
        ServerLocation location = ServerLocation.repository("http://127.0.0.1:" + port + "/repo", false);
        BlobStore store = RemoteStores.open(location, "cairn_test", false, RemoteStores.RETRY, FakeSleeper.recording(), () -> 0.5);
        server.stop(0); // the server goes away after the repository was opened

        assertThatThrownBy(() -> store.put(INDEX, new byte[] {1, 2, 3}))
                .isInstanceOf(TransientBlobStoreException.class)
                .hasMessageContaining("giving up")
                .hasMessageContaining("connection refused: is the server at 127.0.0.1:" + port + " running?")
                .message().doesNotContain("java.net", "Exception");
    }

    @Test
    void otherFailuresKeepTheirMessageAndTimeoutsAreNamed() {
        assertThat(NetworkErrors.describe(new IOException("Connection reset"), "h:1")).isEqualTo("h:1: Connection reset");
        assertThat(NetworkErrors.describe(new IOException(), "h:1")).isEqualTo("h:1: IOException");
        assertThat(NetworkErrors.describe(new IOException("wrapped", new HttpConnectTimeoutException("x")), "h:1"))
                .isEqualTo("connection to h:1 timed out: is the server running and reachable from here?");
    }
}
