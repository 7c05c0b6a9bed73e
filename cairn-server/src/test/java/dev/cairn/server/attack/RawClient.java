package dev.cairn.server.attack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, so that an attack's request line reaches the server byte for byte (the JDK client
 * would refuse or normalise {@code ..}, raw non-ASCII and the like). One request per connection.
 */
final class RawClient {
    /** How long one answer may take (ms): far above any route's work (the slowest takes about 0.1 s), even on a machine
     * loaded 20 times over, so a timeout means a hang: the exception names the request and the threads are printed. */
    private static final int ANSWER_TIMEOUT_MS = 60_000;
    private final int port;
    private long slowestMillis;
    private String slowest = "none";

    RawClient(int port) {
        this.port = port;
    }

    /** An answer: status, headers (lower-case names, last value wins) and the body as text. */
    record Answer(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }

        boolean redirectsToLogin() {
            return status >= 300 && status < 400 && header("location").startsWith("/login");
        }
    }

    /** The slowest request so far and its time, for the suite's log (a slow route is the next timeout). */
    String slowest() {
        return slowest + " (" + slowestMillis + " ms)";
    }

    /**
     * Sends one request and reads its answer.
     *
     * @throws java.net.SocketTimeoutException naming the request, when no answer came within 60 s (after printing the threads)
     */
    Answer send(String method, String target, Map<String, String> headers, byte[] body) throws IOException {
        long start = System.nanoTime();
        try {
            return exchange(method, target, headers, body);
        } catch (java.net.SocketTimeoutException hung) {
            printThreads();
            throw new java.net.SocketTimeoutException("no answer in " + ANSWER_TIMEOUT_MS + " ms to " + method + " "
                    + (target.length() > 200 ? target.substring(0, 200) + "..." : target) + " with headers "
                    + headers.keySet());
        } finally {
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (millis > slowestMillis) {
                slowestMillis = millis;
                slowest = method + " " + (target.length() > 120 ? target.substring(0, 120) + "..." : target);
            }
        }
    }

    /**
     * On a hang: where every thread of this JVM (the server runs in it), virtual ones included, is, on standard output
     * (the blocks that show cairn's code; the whole dump stays in the temporary directory).
     */
    private static void printThreads() {
        try {
            java.nio.file.Path dump = java.nio.file.Files.createTempDirectory("raw-client-hang").resolve("threads.txt");
            java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                    .dumpThreads(dump.toString(), com.sun.management.HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
            StringBuilder out = new StringBuilder("RawClient: no answer; threads running cairn's code (all: " + dump
                    + "):\n");
            for (String block : java.nio.file.Files.readString(dump).split("\n\n")) {
                if (block.contains("dev.cairn") && !block.contains("RawClient.printThreads")) {
                    out.append(block).append("\n\n");
                }
            }
            System.out.println(out);
        } catch (IOException | RuntimeException e) {
            System.out.println("RawClient: no answer; the thread dump failed: " + e);
        }
    }

    private Answer exchange(String method, String target, Map<String, String> headers, byte[] body)
            throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(ANSWER_TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1\r\nConnection: close\r\nContent-Length: ").append(body.length)
                    .append("\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            try {
                out.write(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
                out.write(body);
                out.flush();
            } catch (java.net.SocketException refusedEarly) {
                // the server answered (e.g. 414 or 431) and closed before the whole request was written
            }
            try {
                return read(socket.getInputStream(), method.equals("HEAD"));
            } catch (java.net.SocketException | NumberFormatException | ArrayIndexOutOfBoundsException closed) {
                return new Answer(0, Map.of(), ""); // closed without an answer: refused, not served
            }
        }
    }

    private static Answer read(InputStream in, boolean head) throws IOException {
        String status = line(in);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String l = line(in); !l.isEmpty(); l = line(in)) {
            int colon = l.indexOf(':');
            if (colon > 0) {
                headers.put(l.substring(0, colon).strip().toLowerCase(Locale.ROOT), l.substring(colon + 1).strip());
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (!head) {
            byte[] raw = in.readAllBytes();
            body.write(headers.getOrDefault("transfer-encoding", "").contains("chunked") ? unchunk(raw) : raw);
        }
        String[] parts = status.split(" ");
        return new Answer(Integer.parseInt(parts[1]), headers, body.toString(StandardCharsets.UTF_8));
    }

    private static byte[] unchunk(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < raw.length) {
            int eol = indexOf(raw, i);
            if (eol < 0) {
                break;
            }
            String size = new String(raw, i, eol - i, StandardCharsets.ISO_8859_1).split(";")[0].strip();
            int n = size.isEmpty() ? 0 : Integer.parseInt(size, 16);
            if (n == 0) {
                break;
            }
            out.write(raw, eol + 2, Math.min(n, raw.length - eol - 2));
            i = eol + 2 + n + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] raw, int from) {
        for (int i = from; i + 1 < raw.length; i++) {
            if (raw[i] == '\r' && raw[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
