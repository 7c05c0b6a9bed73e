package dev.cairn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobStore;
import dev.cairn.blob.TransientBlobStoreException;
import dev.cairn.testkit.FakeSleeper;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ranged reads straight into the caller's array ({@link IntoArray}): the exact slice is filled; a short answer is an
 * {@link EOFException}; a body cut off mid-way is transient and the whole read is retried. A stub server serves one
 * object, following a script of faults.
 */
class HttpBlobStoreReadRangeTest {
    private static final BlobName PACK = BlobName.of(BlobKind.PACK, "cd".repeat(32));
    private final byte[] object = new byte[3 << 20];
    private final Deque<String> faults = new ArrayDeque<>();
    private final AtomicInteger gets = new AtomicInteger();
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        new Random(3).nextBytes(object);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(404, -1); // the probe
            exchange.close();
            return;
        }
        gets.incrementAndGet();
        String[] range = exchange.getRequestHeaders().getFirst("Range").substring("bytes=".length()).split("-");
        int from = Integer.parseInt(range[0]);
        int to = Math.min(Integer.parseInt(range[1]), object.length - 1);
        String fault = faults.poll();
        if ("503".equals(fault)) {
            exchange.sendResponseHeaders(503, -1);
        } else {
            exchange.sendResponseHeaders(206, to - from + 1);
            // a cut: half the body, then the connection closes
            int end = "cut".equals(fault) ? from + (to - from + 1) / 2 : to + 1;
            exchange.getResponseBody().write(object, from, end - from);
        }
        exchange.close();
    }

    private BlobStore store() throws IOException {
        ServerLocation location = ServerLocation.repository("http://127.0.0.1:" + server.getAddress().getPort() + "/repo", false);
        return RemoteStores.open(location, "cairn_test", false, RemoteStores.RETRY, FakeSleeper.recording(), () -> 0.5);
    }

    @Test
    void fillsExactlyTheSliceAskedFor() throws IOException {
        byte[] dst = new byte[(2 << 20) + 20];
        try (BlobStore store = store()) {
            store.readRange(PACK, 1000, dst, 10, 2 << 20);
        }
        assertThat(Arrays.copyOfRange(dst, 10, 10 + (2 << 20))).isEqualTo(Arrays.copyOfRange(object, 1000, 1000 + (2 << 20)));
        assertThat(Arrays.copyOfRange(dst, 0, 10)).containsOnly(0);
        assertThat(Arrays.copyOfRange(dst, 10 + (2 << 20), dst.length)).containsOnly(0);
    }

    @Test
    void aRangePastTheEndIsAnEofException() throws IOException {
        try (BlobStore store = store()) {
            assertThatThrownBy(() -> store.readRange(PACK, object.length - 10, new byte[20], 0, 20))
                    .isInstanceOf(EOFException.class);
        }
        assertThat(gets).hasValue(1);
    }

    @Test
    void aBodyCutOffOrA503IsRetriedAsAWhole() throws IOException {
        faults.add("cut");
        faults.add("503");
        byte[] dst = new byte[1 << 20];
        try (BlobStore store = store()) {
            store.readRange(PACK, 5, dst, 0, dst.length);
        }
        assertThat(dst).isEqualTo(Arrays.copyOfRange(object, 5, 5 + dst.length));
        assertThat(gets).hasValue(3);
    }

    @Test
    void aReadThatKeepsFailingIsTransient() throws IOException {
        for (int i = 0; i < RemoteStores.RETRY.maxAttempts(); i++) {
            faults.add("cut");
        }
        try (BlobStore store = store()) {
            assertThatThrownBy(() -> store.readRange(PACK, 0, new byte[1 << 20], 0, 1 << 20))
                    .isInstanceOf(TransientBlobStoreException.class);
        }
        assertThat(gets).hasValue(RemoteStores.RETRY.maxAttempts());
    }

    /** Reads the whole stream in pieces of {@code piece} bytes. */
    private static byte[] readInPieces(java.io.InputStream in, int piece) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[piece];
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    @Test
    void aStreamedRangeHoldsExactlyTheBytesAskedFor() throws IOException {
        // 3 MiB: more than the read-ahead (StreamedBody.DEMAND buffers), so the stream asks for more as it is read
        int length = object.length - 7;
        try (BlobStore store = store(); java.io.InputStream in = store.get(PACK, 7, length)) {
            assertThat(readInPieces(in, 10_007)).isEqualTo(Arrays.copyOfRange(object, 7, 7 + length));
        }
    }

    @Test
    void aStreamClosedHalfWayLeavesTheStoreUsable() throws IOException {
        try (BlobStore store = store()) {
            try (java.io.InputStream in = store.get(PACK, 0, object.length)) {
                assertThat(in.readNBytes(1000)).isEqualTo(Arrays.copyOf(object, 1000));
            }
            try (java.io.InputStream in = store.get(PACK, 100, 5000)) {
                assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(object, 100, 5100));
            }
        }
        assertThat(gets).hasValue(2);
    }

    @Test
    void aStreamedBodyCutOffIsAnIoExceptionNotAShortRead() throws IOException {
        faults.add("cut");
        try (BlobStore store = store(); java.io.InputStream in = store.get(PACK, 0, 2 << 20)) {
            assertThatThrownBy(() -> readInPieces(in, 65536)).isInstanceOf(IOException.class);
        }
    }
}
