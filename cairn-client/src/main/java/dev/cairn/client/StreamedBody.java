package dev.cairn.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read as an {@link InputStream} that asks the connection for up to {@value #DEMAND} buffers ahead (about
 * 512 KiB of the client's 16 KiB buffers; more are promoted out of the agent's small young generation) instead of one at a time as {@link HttpResponse.BodySubscribers#ofInputStream()}
 * does: there, every buffer pauses the socket and re-registers it with the client's selector (a wake-up and an
 * {@code epoll_ctl} per 16 KiB), which made streaming a pack cost more system time than decrypting it. Memory stays
 * bounded by the demand. Closing the stream before its end cancels the body (the connection is then closed, not reused).
 * The stream is for one reading thread; the client's threads only hand buffers over.
 */
final class StreamedBody implements HttpResponse.BodySubscriber<InputStream> {
    /** Buffers asked for ahead; more are asked for once half of them have been read. */
    static final int DEMAND = 32;
    private final Object lock = new Object();
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private final CompletableFuture<InputStream> body = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private int outstanding; // items asked for and not yet received (guarded by lock)
    private boolean complete;
    private IOException failure;

    @Override
    public CompletionStage<InputStream> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        synchronized (lock) {
            subscription = s;
            outstanding = DEMAND;
        }
        s.request(DEMAND);
        body.complete(new Stream());
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        synchronized (lock) {
            outstanding--;
            for (ByteBuffer b : items) {
                if (b.hasRemaining()) {
                    queue.add(b);
                }
            }
            lock.notifyAll();
        }
    }

    @Override
    public void onError(Throwable t) {
        synchronized (lock) {
            failure = t instanceof IOException io ? io : new IOException(t);
            lock.notifyAll();
        }
        body.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        synchronized (lock) {
            complete = true;
            lock.notifyAll();
        }
    }

    private final class Stream extends InputStream {
        private boolean closed;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            long more;
            int n;
            synchronized (lock) {
                ByteBuffer head = awaitData();
                if (head == null) {
                    return -1;
                }
                n = Math.min(len, head.remaining());
                head.get(b, off, n);
                if (!head.hasRemaining()) {
                    queue.poll();
                }
                more = replenish();
            }
            if (more > 0) {
                subscription.request(more);
            }
            return n;
        }

        /** The first buffer with data, or null at the end of the body; waits for the client's threads. */
        private ByteBuffer awaitData() throws IOException {
            while (true) {
                if (closed) {
                    throw new IOException("stream closed");
                }
                ByteBuffer head = queue.peek();
                if (head != null) {
                    return head;
                }
                if (failure != null) {
                    throw failure;
                }
                if (complete) {
                    return null;
                }
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("reading a response body interrupted");
                }
            }
        }

        /** How many more buffers to ask for now (guarded by lock): refill once the demand ahead fell to half. */
        private long replenish() {
            if (complete || failure != null || outstanding > DEMAND / 2 || queue.size() > DEMAND / 2) {
                return 0;
            }
            int more = DEMAND - outstanding;
            outstanding = DEMAND;
            return more;
        }

        @Override
        public void close() {
            boolean cancel;
            synchronized (lock) {
                if (closed) {
                    return;
                }
                closed = true;
                cancel = !complete && failure == null;
                queue.clear();
                lock.notifyAll();
            }
            if (cancel) {
                subscription.cancel();
            }
        }
    }
}
