package dev.cairn.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A handler that fails after it set an object's headers (its Content-Length, Content-Range, Last-Modified) must answer
 * with the problem alone: under the object's Content-Length the problem's words overran it ("too much content
 * written") and restic read "EOF" where the server meant "retry later" (the load suite's scale-out run, 64 clients,
 * a database connection pool exhausted while an object's headers were set). A failure after the body began cuts the
 * connection instead of appending words to the object's bytes.
 */
class ErrorAfterObjectHeadersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private Javalin app;

    @BeforeEach
    void start() {
        ErrorMapper errors = new ErrorMapper(new SimpleMeterRegistry(), (ctx, problem) -> ctx.result("page"));
        app = Javalin.create(config -> {
            config.routes.get("/small-object", ctx -> {
                ctx.header("Last-Modified", "Mon, 07 Dec 2026 06:56:31 GMT").header("Accept-Ranges", "bytes");
                ctx.status(206).header("Content-Range", "bytes 0-9/155");
                ctx.res().setContentLengthLong(10);
                throw new org.jdbi.v3.core.ConnectionException(new SQLTransientConnectionException(
                        "cairn-db - Connection is not available, request timed out after 5001ms"));
            });
            config.routes.get("/large-object", ctx -> {
                ctx.res().setContentLengthLong(1 << 20);
                ctx.res().getOutputStream().write(new byte[256 << 10]);
                ctx.res().flushBuffer();
                throw new IOException("the store failed half-way through");
            });
            config.routes.exception(Exception.class, errors::handle);
        }).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    @Test
    void aFailureAfterTheObjectsHeadersAnswersWithTheProblemAlone() throws Exception {
        Answer a = get("/small-object");
        assertThat(a.status).isEqualTo(503);
        assertThat(a.headers).doesNotContainIgnoringCase("Content-Range").doesNotContainIgnoringCase("Last-Modified")
                .doesNotContainIgnoringCase("Accept-Ranges");
        JsonNode problem = JSON.readTree(a.body);
        assertThat(problem.path("detail").asText()).contains("temporarily unavailable");
        assertThat(a.declaredLength).as("Content-Length matches the problem sent").isEqualTo(a.body.length);
    }

    @Test
    void aFailureAfterTheBodyBeganCutsTheConnectionWithoutAddingWords() throws Exception {
        Answer a = get("/large-object");
        assertThat(a.status).isEqualTo(200);
        assertThat(a.body.length).as("cut short, so the client knows the object is incomplete").isLessThan(1 << 20);
        assertThat(new String(a.body, StandardCharsets.ISO_8859_1)).doesNotContain("problem").doesNotContain("detail");
    }

    private record Answer(int status, String headers, byte[] body, long declaredLength) {
    }

    private Answer get(String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json"
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            try {
                in.transferTo(raw);
            } catch (java.net.SocketException reset) {
                // a cut connection: what arrived before is the answer
            }
            String text = raw.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            String head = text.substring(0, end);
            byte[] body = java.util.Arrays.copyOfRange(raw.toByteArray(), end + 4, raw.size());
            long length = head.lines().filter(l -> l.regionMatches(true, 0, "Content-Length:", 0, 15))
                    .mapToLong(l -> Long.parseLong(l.substring(15).strip())).findFirst().orElse(-1);
            int status = Integer.parseInt(head.substring(9, 12));
            return new Answer(status, head, body, length);
        }
    }
}
