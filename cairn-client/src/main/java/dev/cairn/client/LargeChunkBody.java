package dev.cairn.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A request body of known length read from a caller-owned stream in chunks of up to {@value #CHUNK} bytes. The JDK's
 * {@link HttpRequest.BodyPublishers#ofInputStream} hands the connection one 16 KiB buffer at a time: every one is a
 * trip through the client's flow machinery (on JIT tiers the agent keeps at C1) and one socket write: about a fifth of
 * the agent's CPU in a backup to a server (ADR 60). Here each chunk is one write of up to 256 KiB.
 *
 * <p>Reads happen on the thread that asks for more (as in the JDK's own stream publisher). The stream is read from
 * where it stands at subscription; a body that ends before {@code length} fails the subscription, one longer than it
 * is cut at {@code length} (the client then sends exactly {@code Content-Length} bytes either way). Each subscription
 * reads on; the stream is never closed here.
 */
final class LargeChunkBody implements HttpRequest.BodyPublisher {
    /** Bytes per buffer handed to the connection. */
    static final int CHUNK = 256 * 1024;
    private final InputStream content;
    private final long length;

    LargeChunkBody(InputStream content, long length) {
        if (length <= 0) {
            throw new IllegalArgumentException("length " + length + " must be > 0");
        }
        this.content = content;
        this.length = length;
    }

    @Override
    public long contentLength() {
        return length;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        subscriber.onSubscribe(new Chunks(subscriber));
    }

    /** Emits chunks while there is demand; one emitting thread at a time (a request made during onNext only adds). */
    private final class Chunks implements Flow.Subscription {
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger pending = new AtomicInteger();
        private long remaining = length;
        private volatile boolean done;

        Chunks(Flow.Subscriber<? super ByteBuffer> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                finish(new IllegalArgumentException("non-positive request " + n));
                return;
            }
            demand.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            if (pending.getAndIncrement() != 0) {
                return; // the thread emitting now sees the new demand
            }
            int missed = 1;
            do {
                emit();
                missed = pending.addAndGet(-missed);
            } while (missed != 0);
        }

        private void emit() {
            while (!done && demand.get() > 0) {
                ByteBuffer chunk;
                try {
                    chunk = next();
                } catch (IOException | RuntimeException e) {
                    finish(e);
                    return;
                }
                demand.decrementAndGet();
                subscriber.onNext(chunk);
                if (remaining == 0 && !done) {
                    done = true;
                    subscriber.onComplete();
                }
            }
        }

        /** The next chunk, read fully. */
        private ByteBuffer next() throws IOException {
            byte[] buffer = new byte[(int) Math.min(CHUNK, remaining)];
            int n = content.readNBytes(buffer, 0, buffer.length);
            if (n < buffer.length) {
                throw new IOException("the content ended after " + (length - remaining + n) + " of its " + length
                        + " bytes");
            }
            remaining -= n;
            return ByteBuffer.wrap(buffer);
        }

        private void finish(Throwable failure) {
            if (!done) {
                done = true;
                subscriber.onError(failure);
            }
        }

        @Override
        public void cancel() {
            done = true;
        }
    }
}
