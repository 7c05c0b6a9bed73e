package dev.cairn.s3;

import dev.cairn.blob.BlobName;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The caller's content stream as the SDK reads it: at most {@code length} bytes, an {@link EOFException} if the stream
 * ends before that, and never closed (the caller owns it). It remembers the first failure of the caller's stream, so the
 * store can report that failure (the caller's fault, not retryable) instead of the SDK's wrapped form of it.
 *
 * <p>Not thread-safe; one upload reads it. {@link #limit} lets a multipart upload read it one part at a time.
 */
final class ExactLengthContent extends InputStream {
    private final BlobName name;
    private final InputStream in;
    private final long length;
    private long read;
    private long limit;
    private volatile IOException failure;

    ExactLengthContent(BlobName name, InputStream in, long length) {
        this.name = name;
        this.in = in;
        this.length = length;
        this.limit = length;
    }

    /** Lets reads go on up to {@code count} bytes after the current position (one part), but never past the length. */
    void limit(long count) {
        limit = Math.min(length, read + count);
    }

    /** The first failure of the caller's stream (including its ending early), or {@code null}. */
    IOException failure() {
        return failure;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (read >= limit) {
            return -1;
        }
        int n = readCaller(b, off, (int) Math.min(len, limit - read));
        if (n < 0) {
            throw fail(new EOFException("content for " + name + " ended after " + read + " of " + length
                    + " bytes; nothing was stored"));
        }
        read += n;
        return n;
    }

    private int readCaller(byte[] b, int off, int len) throws IOException {
        try {
            return in.read(b, off, len);
        } catch (IOException e) {
            throw fail(e);
        }
    }

    private IOException fail(IOException e) {
        if (failure == null) {
            failure = e;
        }
        return e;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(in.available(), limit - read);
    }

    /** Does not close the caller's stream. */
    @Override
    public void close() {
    }
}
