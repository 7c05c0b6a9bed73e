package dev.cairn.server.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Raw HTTP/1.1 requests for fuzz targets that drive a whole server: path segments and query strings made of fuzzed
 * text, percent-encoded where a raw byte could not stand in a request line (so the server, not the client, decodes
 * them), and the status line of the answer. Public for the feature modules' fuzz targets.
 */
public final class FuzzRequests {
    private FuzzRequests() {
    }

    /** The status and the status line of an answer. */
    public record Answer(int status, String head) {
    }

    /** A path segment: fuzzed text with every byte a request line cannot carry percent-encoded (a raw {@code /} too). */
    public static String segment(FuzzedDataProvider data) {
        return encode(data.consumeString(80), "/?#");
    }

    /** A query string: {@code name=value} pairs of fuzzed text, names biased towards the ones the routes read. */
    public static String query(FuzzedDataProvider data) {
        String[] names = {"filter", "sort", "q", "limit", "offset", "format", "cursor", "from", "to", "next",
            "columns", "page", "dryRun", "upload", "code", "create", "name", "type"};
        StringBuilder q = new StringBuilder();
        int n = data.consumeInt(1, 4);
        for (int i = 0; i < n; i++) {
            q.append(i == 0 ? "" : "&").append(data.consumeBoolean() ? names[data.consumeInt(0, names.length - 1)]
                    : encode(data.consumeString(10), "&=#")).append('=').append(encode(data.consumeString(60), "&#"));
        }
        return q.toString();
    }

    /** Percent-encodes control characters, space, non-ASCII (as UTF-8) and {@code extra}; keeps the rest as is. */
    public static String encode(String text, String extra) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c <= 0x20 || c >= 0x7f || extra.indexOf(c) >= 0) {
                out.append('%').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
            } else {
                out.append((char) c);
            }
        }
        return out.toString();
    }

    /** Sends one request (Connection: close) and reads its status line; 10 s without an answer is an exception. */
    public static Answer send(int port, String method, String target, String authorization, String range,
            String contentType, byte[] body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\nContent-Type: " + contentType + "\r\nContent-Length: " + body.length + "\r\n");
            if (authorization != null) {
                head.append("Authorization: ").append(authorization).append("\r\n");
            }
            if (range != null) {
                head.append("Range: ").append(range.replaceAll("[\\r\\n\\x00-\\x1f\\x7f-\\uffff]", "")).append("\r\n");
            }
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                line.append((char) c);
            }
            String[] parts = line.toString().split(" ");
            return new Answer(Integer.parseInt(parts[1]), line.toString().strip());
        }
    }
}
