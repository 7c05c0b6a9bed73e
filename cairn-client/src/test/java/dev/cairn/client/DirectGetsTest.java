package dev.cairn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bulk reads' own HTTP/1.1 connections (ADR 67) against a raw stub server: a connection is reused for the next
 * range; one the server closed while it was idle is replaced without the caller noticing; a refusal comes back with
 * its status, Retry-After and body; a body cut short is an {@link EOFException}; anything unexpected returns null.
 */
class DirectGetsTest {
    private final byte[] object = new byte[1 << 20];
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> requests = new ArrayList<>();
    private final ConcurrentLinkedQueue<Socket> open = new ConcurrentLinkedQueue<>();
    private ServerSocket server;

    /**
     * Serves requests; {@code answer} maps the request's range start to a raw answer ({@code null}: the range) and
     * whether the connection is then closed silently.
     */
    private DirectGets serve(Function<Long, String> answer, boolean closeAfterEach) throws IOException {
        server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        serveOn(answer, closeAfterEach);
        return new DirectGets(URI.create("http://127.0.0.1:" + server.getLocalPort()), null);
    }

    private void serveOn(Function<Long, String> answer, boolean closeAfterEach) {
        new Random(5).nextBytes(object);
        Thread.ofPlatform().daemon().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    connections.incrementAndGet();
                    open.add(s);
                    Thread.ofPlatform().daemon().start(() -> connection(s, answer, closeAfterEach));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    private void connection(Socket s, Function<Long, String> answer, boolean closeAfterEach) {
        try (s) {
            var in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = s.getOutputStream();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                long from = 0;
                long to = 0;
                for (String h = in.readLine(); h != null && !h.isEmpty(); h = in.readLine()) {
                    if (h.startsWith("Range: bytes=")) {
                        String[] r = h.substring(13).split("-");
                        from = Long.parseLong(r[0]);
                        to = Long.parseLong(r[1]);
                    }
                }
                synchronized (requests) {
                    requests.add(line);
                }
                String raw = answer.apply(from);
                if (raw == null) {
                    out.write(("HTTP/1.1 206 Partial Content\r\nContent-Length: " + (to - from + 1) + "\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    out.write(object, (int) from, (int) (to - from + 1));
                } else {
                    out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
                }
                out.flush();
                if (closeAfterEach) {
                    return; // no Connection: close said: the client finds out when it next uses the connection
                }
            }
        } catch (IOException ignored) {
            // the client went away
        }
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }

    private byte[] read(DirectGets gets, long offset, int length) throws IOException {
        DirectGets.Answer answer = gets.get("/api/v1/repos/r/objects/data/x", "Bearer t", offset, length);
        assertThat(answer.status()).isEqualTo(206);
        try (InputStream body = answer.body()) {
            return body.readAllBytes();
        }
    }

    @Test
    void rangesComeWholeOverOneReusedConnection() throws IOException {
        try (DirectGets gets = serve(from -> null, false)) {
            for (int i = 0; i < 5; i++) {
                assertThat(read(gets, i * 1000L, 70_000)).isEqualTo(Arrays.copyOfRange(object, i * 1000, i * 1000 + 70_000));
            }
        }
        assertThat(connections).hasValue(1);
        assertThat(requests).hasSize(5).allMatch(r -> r.equals("GET /api/v1/repos/r/objects/data/x HTTP/1.1"));
    }

    @Test
    void aConnectionTheServerClosedWhileIdleIsReplaced() throws IOException {
        try (DirectGets gets = serve(from -> null, true)) {
            assertThat(read(gets, 0, 100)).isEqualTo(Arrays.copyOf(object, 100));
            assertThat(read(gets, 100, 100)).isEqualTo(Arrays.copyOfRange(object, 100, 200));
        }
        assertThat(connections).hasValue(2);
    }

    @Test
    void aRefusalComesBackWithItsStatusRetryAfterAndBody() throws IOException {
        String problem = "{\"title\":\"busy\"}";
        try (DirectGets gets = serve(from -> from == 0 ? "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 7\r\n"
                + "Content-Type: application/problem+json\r\nContent-Length: " + problem.length() + "\r\n\r\n" + problem
                : null, false)) {
            DirectGets.Answer refused = gets.get("/o", "Bearer t", 0, 10);
            assertThat(refused.body()).isNull();
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.retryAfter()).isEqualTo("7");
            assertThat(new String(refused.problem(), StandardCharsets.UTF_8)).isEqualTo(problem);
            assertThat(read(gets, 5, 10)).as("the connection stays usable").isEqualTo(Arrays.copyOfRange(object, 5, 15));
        }
        assertThat(connections).hasValue(1);
    }

    @Test
    void overTlsTheServersNameIsChecked(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        javax.net.ssl.SSLContext serverSide = Certificates.serverContext(dir, "localhost", "SAN=dns:localhost");
        javax.net.ssl.SSLContext trusting = Certificates.trusting(dir, "localhost");
        server = serverSide.getServerSocketFactory().createServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        serveOn(from -> null, false);
        try (DirectGets gets = new DirectGets(URI.create("https://localhost:" + server.getLocalPort()), trusting)) {
            assertThat(read(gets, 7, 50_000)).isEqualTo(Arrays.copyOfRange(object, 7, 50_007));
        }
        try (DirectGets byAddress = new DirectGets(URI.create("https://127.0.0.1:" + server.getLocalPort()), trusting)) {
            assertThatThrownBy(() -> byAddress.get("/o", "Bearer t", 0, 10)).as("the certificate names localhost only")
                    .isInstanceOf(javax.net.ssl.SSLException.class);
        }
    }

    @Test
    void aBodyCutShortIsAnEofExceptionAndAChunkedAnswerIsLeftToTheJdkClient() throws IOException {
        try (DirectGets gets = serve(from -> from == 0 ? "HTTP/1.1 206 Partial Content\r\nContent-Length: 10\r\n\r\n12345"
                : "HTTP/1.1 500 Server Error\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", true)) {
            InputStream cut = gets.get("/o", "Bearer t", 0, 10).body();
            assertThatThrownBy(cut::readAllBytes).isInstanceOf(EOFException.class).hasMessageContaining("5 of 10");
            assertThat(gets.get("/o", "Bearer t", 1, 10)).isNull();
        }
    }
}
