package dev.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.protocol.TokenScope;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shutdown drains: an upload in progress finishes and is stored, while readiness turns false and new requests get 503. */
class GracefulShutdownTest {
    /**
     * The upload stalls after STALL_AT of its SIZE bytes until the test releases it: enough bytes first that the
     * server's minimum body rate (256 bytes/s on average) allows a stall of minutes on a loaded machine.
     */
    private static final int STALL_AT = 64_000;
    private static final int SIZE = 2 * STALL_AT;
    @TempDir
    Path dir;

    @Test
    void uploadInProgressFinishesWhileNewRequestsAreRefused() throws Exception {
        TestServer server = TestServer.start(dir);
        server.account("uma");
        String token = server.token("uma", TokenScope.APPEND);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        InputStream slowBody = new InputStream() {
            private int sent;

            @Override
            public int read() throws IOException {
                if (sent == STALL_AT) {
                    started.countDown();
                    try {
                        if (!release.await(60, TimeUnit.SECONDS)) {
                            throw new IOException("the test never released the upload");
                        }
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                }
                return sent++ < SIZE ? 7 : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int c = read(); // one byte at a time: the first STALL_AT go out before the body stalls
                if (c < 0) {
                    return -1;
                }
                b[off] = (byte) c;
                return 1;
            }
        };
        String object = "/api/v1/repos/r/objects/data/" + "ee".repeat(32);
        CompletableFuture<HttpResponse<String>> upload = server.client().sendAsync(server.request(object)
                .header("Authorization", "Bearer " + token).PUT(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> slowBody), SIZE)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(started.await(30, TimeUnit.SECONDS)).as("half of the upload was sent").isTrue();
        for (int i = 0; i < 1000 && server.app().http().inFlight().running() == 0; i++) {
            Thread.sleep(10); // the upload's handler is running (not merely its bytes sent) before shutdown starts
        }
        assertThat(server.app().http().inFlight().running()).isEqualTo(1);
        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> {
            try {
                server.close();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        for (int i = 0; i < 100 && !server.app().http().inFlight().isDraining(); i++) {
            Thread.sleep(10);
        }
        var ready = server.send(server.request("/readyz").timeout(Duration.ofSeconds(30)).build());
        assertThat(ready.statusCode()).isEqualTo(503);
        var refused = server.send(server.request("/api/v1/repos").header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30)).build());
        assertThat(refused.statusCode()).isEqualTo(503);
        release.countDown();
        HttpResponse<String> uploaded = upload.get(60, TimeUnit.SECONDS);
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        closing.get(60, TimeUnit.SECONDS);

        try (TestServer again = TestServer.start(dir)) {
            long id = again.core().accounts().require("uma").id();
            assertThat(again.core().quota().usage(id).storedBytes()).isEqualTo(SIZE);
        }
    }
}
