package dev.cairn.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A path parameter with a malformed percent-escape in a {@code ;} path segment (Jetty passes it on undecoded, Javalin's
 * path-parameter decoding throws) was a 500 "unexpected failure" on every route with a path parameter: found by the
 * fuzzing suite ({@code WorkspaceRequestFuzzTest.importFile}: {@code /api/v1/workspace/tables/ct%c2%ba;%op.../import}).
 * It is a 400 that says what is wrong.
 */
class MalformedPathEscapeTest {
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

    @Test
    void aMalformedEscapeInAPathParameterIsABadRequest() throws Exception {
        for (String target : new String[] {"/api/v1/account/tokens/1;%op", "/api/v1/account/tokens/ab;x=%zz%c2"}) {
            String answer = send("DELETE " + target + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                    + TestServer.basic("admin", "wrong") + "\r\nConnection: close\r\n\r\n");
            assertThat(answer).as(target).startsWith("HTTP/1.1 400").contains("percent-encoding");
        }
    }

    private static String send(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.uri("/").getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
