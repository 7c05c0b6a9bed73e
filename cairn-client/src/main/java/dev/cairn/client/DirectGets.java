package dev.cairn.client;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedDeque;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Ranged GETs of objects over blocking HTTP/1.1 connections that the reading thread reads itself: the bulk reads of
 * restores, checks and prunes. Through the JDK's HTTP client every 16 KiB of a pack was read by its selector thread
 * into a newly allocated buffer and handed to the reader across threads; for a 2 GiB remote restore that was about a
 * fifth of the agent's CPU time (the client's threads, their wake-ups, zeroed buffers and the garbage collections
 * they caused; ADR 67). Here the body goes from the socket into the caller's array.
 *
 * <p>The answer is the range's body ({@code 206} with exactly the asked-for {@code Content-Length}), or a refusal with
 * its status, {@code Retry-After} and body (at most 64 KiB, of known length), or null for anything else (a chunked
 * problem): then the caller asks again through the JDK client. A pooled connection the server closed meanwhile is
 * retried once on a new one (a GET is idempotent). TLS uses the JDK client's context, host name checked, ALPN
 * {@code http/1.1}.
 *
 * <p>Thread-safe; each connection is used by one thread at a time. {@link #close} closes the idle connections.
 */
final class DirectGets implements AutoCloseable {
    /** Idle connections kept for reuse; more are closed when returned. */
    static final int MAX_IDLE = 16;
    private static final int CONNECT_TIMEOUT_MILLIS = 15_000;
    /** A read that waits this long for the server fails (the JDK client's request timeout is 10 minutes too). */
    private static final int READ_TIMEOUT_MILLIS = 600_000;
    private static final int HEAD_LIMIT = 64 * 1024;

    private final String host;
    private final int port;
    private final String hostHeader;
    private final SSLContext tls;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    /** @param tls the TLS context for an {@code https} server (null for {@code http}) */
    DirectGets(URI server, SSLContext tls) {
        boolean https = server.getScheme().equals("https");
        this.host = server.getHost();
        this.port = server.getPort() > 0 ? server.getPort() : https ? 443 : 80;
        this.hostHeader = server.getRawAuthority().replaceFirst("^[^@]*@", "");
        this.tls = https ? tls : null;
    }

    /**
     * What the server answered: {@code body}, exactly the range's bytes (an {@link EOFException} if the connection
     * ends before; the caller closes it, and read to its end it gives its connection back for reuse), or, when it is
     * null, a {@code status} (206: the object is shorter than the range) with the refusal's {@code retryAfter} and
     * {@code problem} body.
     */
    record Answer(int status, InputStream body, String retryAfter, byte[] problem) {
    }

    /**
     * Sends {@code GET path} for {@code length} bytes at {@code offset}; returns the answer, or null if it was neither
     * the range nor a refusal of known length.
     *
     * @throws IOException if the server cannot be reached or the connection fails (retry may help)
     */
    Answer get(String path, String authorization, long offset, long length) throws IOException {
        String request = "GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nAuthorization: " + authorization
                + "\r\nRange: bytes=" + offset + "-" + (offset + length - 1) + "\r\nUser-Agent: cairn\r\n\r\n";
        byte[] bytes = request.getBytes(StandardCharsets.ISO_8859_1);
        Connection pooled = take();
        if (pooled != null) {
            try {
                return send(pooled, bytes, length);
            } catch (IOException staleOrBroken) {
                pooled.close(); // closed by the server while idle: once more on a new connection
            }
        }
        return send(open(), bytes, length);
    }

    private Answer send(Connection c, byte[] request, long length) throws IOException {
        try {
            c.out.write(request);
            c.out.flush();
            Head head = Head.read(c.in);
            if (head.chunked || head.contentLength < 0) {
                c.close();
                return null;
            }
            if (head.status == 206 && head.contentLength == length) {
                return new Answer(206, new Body(c, length, head.keepAlive), null, null);
            }
            if (head.status < 300 || head.contentLength > HEAD_LIMIT) {
                c.close();
                return head.status < 300 ? new Answer(head.status, null, null, null) : null;
            }
            byte[] problem = c.in.readNBytes((int) head.contentLength);
            if (problem.length < head.contentLength || !head.keepAlive) {
                c.close();
            } else {
                giveBack(c);
            }
            return new Answer(head.status, null, head.retryAfter, problem);
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private Connection take() {
        return idle.pollFirst();
    }

    /** Keeps {@code c} for reuse, or closes it if the pool is closed or already holds {@link #MAX_IDLE}. */
    private void giveBack(Connection c) {
        if (closed || idle.size() >= MAX_IDLE) { // size() walks at most MAX_IDLE nodes (a race may keep one more)
            c.close();
            return;
        }
        idle.addFirst(c);
        if (closed && idle.remove(c)) {
            c.close(); // close() ran meanwhile and missed it
        }
    }

    private Connection open() throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            if (tls != null) {
                SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(socket, host, port, true);
                SSLParameters parameters = secure.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                parameters.setApplicationProtocols(new String[] {"http/1.1"});
                secure.setSSLParameters(parameters);
                secure.startHandshake();
                socket = secure;
            }
            return new Connection(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Connection c; (c = take()) != null; ) {
            c.close();
        }
    }

    /** One connection: its socket and buffered streams. */
    private static final class Connection {
        final Socket socket;
        final BufferedInputStream in;
        final OutputStream out;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            this.out = socket.getOutputStream();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing: nothing left to do
            }
        }
    }

    /** The parts of a response head the bulk path needs. */
    record Head(int status, long contentLength, boolean chunked, boolean keepAlive, String retryAfter) {
        /** Reads a status line and headers up to the empty line. @throws EOFException if the connection ends first */
        static Head read(InputStream in) throws IOException {
            String statusLine = line(in);
            if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
                throw new IOException("not an HTTP/1.1 answer: " + statusLine.substring(0, Math.min(40, statusLine.length())));
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean keepAlive = statusLine.startsWith("HTTP/1.1");
            String retryAfter = null;
            int total = statusLine.length();
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                total += h.length();
                if (total > HEAD_LIMIT) {
                    throw new IOException("the server's answer has a header of more than " + HEAD_LIMIT + " bytes");
                }
                int colon = h.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = h.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = h.substring(colon + 1).strip();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = true;
                    case "connection" -> keepAlive = !value.toLowerCase(Locale.ROOT).contains("close");
                    case "retry-after" -> retryAfter = value;
                    default -> { }
                }
            }
            return new Head(status, length, chunked, keepAlive, retryAfter);
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder s = new StringBuilder();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new EOFException("the server closed the connection before its answer was complete");
                }
                if (s.length() > HEAD_LIMIT) {
                    throw new IOException("the server's answer has a header line of more than " + HEAD_LIMIT + " bytes");
                }
                if (b != '\r') {
                    s.append((char) b);
                }
            }
            return s.toString();
        }
    }

    /** A body of known length; read to its end and closed, its connection goes back to the pool. */
    private final class Body extends InputStream {
        private final Connection connection;
        private final boolean keepAlive;
        private final long length;
        private long remaining;
        private boolean done;

        Body(Connection connection, long length, boolean keepAlive) {
            this.connection = connection;
            this.length = length;
            this.remaining = length;
            this.keepAlive = keepAlive;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (done) {
                throw new IOException("stream closed");
            }
            if (remaining == 0) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            int n = connection.in.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new EOFException("the response body ended after " + (length - remaining) + " of " + length
                        + " bytes");
            }
            remaining -= n;
            return n;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(connection.in.available(), remaining);
        }

        @Override
        public void close() {
            if (done) {
                return;
            }
            done = true;
            if (remaining == 0 && keepAlive) {
                giveBack(connection);
            } else {
                connection.close(); // the rest is unread: the connection cannot carry another request
            }
        }
    }
}
