package dev.cairn.server.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.protocol.TokenScope;
import dev.cairn.server.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow clients cannot hold connections: a header dripped one line a second is cut off at the header deadline (10 s),
 * a body dripped a few bytes a second is refused, and a client that is merely slow but within the limits is served.
 * Each wait is bounded, so a server that never cuts the client off fails the test instead of hanging it.
 */
class SlowClientTest {
    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dir.resolve("server"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.app().port());
        socket.setSoTimeout(1000);
        return socket;
    }

    /** Sends {@code drip} once a second until the server closes the connection; returns the bytes it sent back. */
    private static String dripUntilClosed(Socket socket, String drip, int maxSeconds) throws IOException {
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        StringBuilder answer = new StringBuilder();
        for (int second = 0; second < maxSeconds; second++) {
            try {
                out.write(drip.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException closed) {
                return answer.toString();
            }
            try {
                for (int b; (b = in.read()) >= 0; ) {
                    answer.append((char) b);
                }
                return answer.toString(); // end of stream: the server closed the connection
            } catch (SocketTimeoutException stillOpen) {
                // the server still waits for more; drip again
            } catch (IOException reset) {
                return answer.toString();
            }
        }
        throw new AssertionError("the server kept the connection open for " + maxSeconds + " s of dripping");
    }

    @Test
    void aHeaderDrippedALineASecondIsCutOffAtTheDeadline() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(
                    StandardCharsets.ISO_8859_1));
            long started = System.nanoTime();
            String answer = dripUntilClosed(socket, "X-Drip: 1\r\n", 30);
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            assertThat(answer).as("no response to a header that never ends").doesNotContain("200 OK");
            assertThat(seconds).as("cut off at the deadline, not before").isGreaterThanOrEqualTo(9);
        }
    }

    @Test
    void aSlowButCompleteHeaderIsServed() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            for (String line : new String[] {"GET /healthz HTTP/1.1\r\n", "Host: 127.0.0.1\r\n", "Connection: close\r\n",
                    "\r\n"}) {
                out.write(line.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                Thread.sleep(1500);
            }
            socket.setSoTimeout(10_000);
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void aBodyDrippedAFewBytesASecondIsRefused() throws Exception {
        long account = server.account("dripper").id();
        String token = server.token("dripper", TokenScope.FULL);
        String id = "ab".repeat(32);
        try (Socket socket = connect()) {
            socket.getOutputStream().write(("PUT /api/v1/repos/drip/objects/data/" + id + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n"
                    + "Content-Type: application/octet-stream\r\nContent-Length: 1000000\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            String answer = dripUntilClosed(socket, "0123456789", 30);
            assertThat(answer).as("a problem, not a stored object").startsWith("HTTP/1.1 400 ")
                    .contains("Connection: close", "arrived too slowly");
        }
        var usage = server.core().quota().usage(account);
        assertThat(usage.storedBytes()).as("nothing stored").isZero();
        for (int i = 0; i < 50 && server.core().quota().usage(account).reservedBytes() != 0; i++) {
            Thread.sleep(100); // the handler gives the reservation back as it unwinds
        }
        assertThat(server.core().quota().usage(account).reservedBytes()).as("the reservation was given back").isZero();
    }
}
