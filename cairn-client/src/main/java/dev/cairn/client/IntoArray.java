package dev.cairn.client;

import java.io.EOFException;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body copied straight into {@code dst[off, off + length)} as it arrives, on the HTTP client's own threads:
 * one copy per received buffer, no queue and no hand-over to the waiting thread per buffer (as
 * {@link HttpResponse.BodyHandlers#ofInputStream()} does), no intermediate array (as {@code ofByteArray} does). The body
 * completes when exactly {@code length} bytes came, and fails with {@link EOFException} when fewer or more
 * did; its value is null (the bytes are in {@code dst}). Used once, by one response.
 */
final class IntoArray implements HttpResponse.BodySubscriber<byte[]> {
    private final byte[] dst;
    private final int end;
    private final int length;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private int pos;

    IntoArray(byte[] dst, int off, int length) {
        this.dst = dst;
        this.pos = off;
        this.end = off + length;
        this.length = length;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE); // the destination holds the whole body: no need to pace the sender
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer b : items) {
            int n = b.remaining();
            if (n > end - pos) {
                fail(new EOFException("the response body is longer than the " + length + " bytes asked for"));
                subscription.cancel();
                return;
            }
            b.get(dst, pos, n);
            pos += n;
        }
    }

    @Override
    public void onError(Throwable t) {
        fail(t instanceof IOException io ? io : new IOException(t));
    }

    @Override
    public void onComplete() {
        if (pos == end) {
            result.complete(null);
        } else {
            fail(new EOFException("the response body ended after " + (length - (end - pos)) + " of " + length + " bytes"));
        }
    }

    private void fail(IOException e) {
        result.completeExceptionally(e);
    }
}
