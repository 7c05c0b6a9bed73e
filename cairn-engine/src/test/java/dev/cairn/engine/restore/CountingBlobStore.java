package dev.cairn.engine.restore;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobStore;
import dev.cairn.blob.ForwardingBlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts ranged reads of packs; forwards everything, except that it can break one ranged read off mid-stream. */
final class CountingBlobStore extends ForwardingBlobStore {
    final AtomicInteger packRangeReads = new AtomicInteger();
    /**
     * When positive: the next ranged read of a pack longer than this fails with an IOException after this many bytes (and
     * this resets to 0).
     */
    final AtomicInteger breakNextReadAfter = new AtomicInteger();

    CountingBlobStore(BlobStore delegate) {
        super(delegate);
    }

    @Override
    public InputStream get(BlobName name, long offset, long length) throws IOException {
        if (name.kind() == BlobKind.PACK) {
            packRangeReads.incrementAndGet();
            int breakAfter = breakNextReadAfter.get();
            if (breakAfter > 0 && length > breakAfter && breakNextReadAfter.compareAndSet(breakAfter, 0)) {
                return breaking(super.get(name, offset, length), breakAfter);
            }
        }
        return super.get(name, offset, length);
    }

    /** A stream that fails, as a dropped connection would, once {@code limit} bytes have been read. */
    private static InputStream breaking(InputStream in, int limit) {
        return new java.io.FilterInputStream(in) {
            private int left = limit;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    throw new IOException("connection reset (test)");
                }
                int n = super.read(b, off, Math.min(len, left));
                left -= Math.max(n, 0);
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                byte[] buf = new byte[(int) Math.min(n, 8192)];
                int got = read(buf, 0, buf.length);
                return Math.max(got, 0);
            }
        };
    }
}
