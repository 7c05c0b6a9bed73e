package dev.cairn.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/**
 * The upload body: exactly {@code length} bytes in order, in chunks of at most {@link LargeChunkBody#CHUNK} bytes and
 * only as many as were asked for (also when the subscriber asks again from inside onNext), an early end of the stream
 * an error, and through the JDK's client a body the server receives whole.
 */
class LargeChunkBodyTest {
    private static final int SIZE = 3 * LargeChunkBody.CHUNK + 12_345;
    private final byte[] data = random(SIZE);

    @Test
    void deliversTheBytesInBoundedChunksOnlyOnDemand() {
        Recorder r = new Recorder(0);
        new LargeChunkBody(new ByteArrayInputStream(data), SIZE).subscribe(r);
        assertThat(r.chunks).isEmpty();
        r.subscription.request(2);
        assertThat(r.chunks).hasSize(2);
        r.subscription.request(Long.MAX_VALUE);
        assertThat(r.completed).isTrue();
        assertThat(r.failure).isNull();
        assertThat(r.chunks).allSatisfy(c -> assertThat(c.length).isBetween(1, LargeChunkBody.CHUNK));
        assertThat(r.bytes()).isEqualTo(data);
    }

    @Test
    void aRequestFromInsideOnNextNeitherRecursesNorReordersChunks() {
        Recorder r = new Recorder(1); // asks for one more in every onNext, like a connection writing as it goes
        new LargeChunkBody(new ByteArrayInputStream(data), SIZE).subscribe(r);
        r.subscription.request(1);
        assertThat(r.maxDepth).isEqualTo(1);
        assertThat(r.completed).isTrue();
        assertThat(r.bytes()).isEqualTo(data);
    }

    @Test
    void stopsAtTheLengthAndFailsOnAStreamThatEndsEarly() {
        Recorder longer = new Recorder(0);
        new LargeChunkBody(new ByteArrayInputStream(data), 1000).subscribe(longer);
        longer.subscription.request(10);
        assertThat(longer.bytes()).isEqualTo(Arrays.copyOf(data, 1000));
        assertThat(longer.completed).isTrue();

        Recorder shorter = new Recorder(0);
        new LargeChunkBody(new ByteArrayInputStream(data, 0, 1000), 5000).subscribe(shorter);
        shorter.subscription.request(10);
        assertThat(shorter.completed).isFalse();
        assertThat(shorter.failure).isInstanceOf(IOException.class).hasMessageContaining("1000 of its 5000 bytes");
    }

    @Test
    void theServerReceivesTheWholeBodyThroughTheJdkClient() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        List<byte[]> received = new ArrayList<>();
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                received.add(in.readAllBytes());
            }
            exchange.sendResponseHeaders(201, -1);
            exchange.close();
        });
        server.start();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/x");
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(uri)
                    .PUT(new LargeChunkBody(new ByteArrayInputStream(data), SIZE)).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(response.statusCode()).isEqualTo(201);
            assertThat(response.request().bodyPublisher().orElseThrow().contentLength()).isEqualTo(SIZE);
        } finally {
            server.stop(0);
        }
        assertThat(received).hasSize(1);
        assertThat(received.get(0)).isEqualTo(data);
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(7).nextBytes(b);
        return b;
    }

    /** Records what it is sent; optionally asks for {@code askPerItem} more from inside every onNext. */
    private static final class Recorder implements Flow.Subscriber<ByteBuffer> {
        final List<byte[]> chunks = new ArrayList<>();
        final int askPerItem;
        Flow.Subscription subscription;
        boolean completed;
        Throwable failure;
        int depth;
        int maxDepth;

        Recorder(int askPerItem) {
            this.askPerItem = askPerItem;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
        }

        @Override
        public void onNext(ByteBuffer item) {
            depth++;
            maxDepth = Math.max(maxDepth, depth);
            byte[] b = new byte[item.remaining()];
            item.get(b);
            chunks.add(b);
            if (askPerItem > 0) {
                subscription.request(askPerItem);
            }
            depth--;
        }

        @Override
        public void onError(Throwable t) {
            failure = t;
        }

        @Override
        public void onComplete() {
            completed = true;
        }

        byte[] bytes() {
            ByteBuffer all = ByteBuffer.allocate(chunks.stream().mapToInt(c -> c.length).sum());
            chunks.forEach(all::put);
            return all.array();
        }
    }
}
