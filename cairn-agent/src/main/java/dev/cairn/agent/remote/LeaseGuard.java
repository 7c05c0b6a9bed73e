package dev.cairn.agent.remote;

import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobStore;
import dev.cairn.blob.ForwardingBlobStore;
import dev.cairn.client.LeaseLostException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Stops writes once the lease that allows them is lost: {@link ServerLocking} calls {@link #lost} when a renewal is
 * answered 410 or renewals failed until the lease expired, and every later put or delete through {@link #wrap} fails
 * with a {@link LeaseLostException} saying why. Thread-safe.
 */
public final class LeaseGuard {
    private volatile String lostReason;

    /** Marks the lease lost, for {@code reason}. */
    void lost(String reason) {
        if (lostReason == null) {
            lostReason = reason;
        }
    }

    /** Throws if the lease was lost. */
    void check() throws LeaseLostException {
        String reason = lostReason;
        if (reason != null) {
            throw new LeaseLostException(reason + "; stopped writing. Nothing written so far is lost: run the "
                    + "command again (see 'cairn unlock' for who holds the repository)");
        }
    }

    /** {@code store}, refusing writes once the lease is lost. */
    public BlobStore wrap(BlobStore store) {
        return new ForwardingBlobStore(store) {
            @Override
            public void put(BlobName name, InputStream content, long length) throws IOException {
                check();
                delegate().put(name, content, length);
            }

            @Override
            public void put(BlobName name, byte[] content) throws IOException {
                check();
                delegate().put(name, content);
            }

            @Override
            public void readRange(BlobName name, long offset, byte[] dst, int dstOffset, int length) throws IOException {
                delegate().readRange(name, offset, dst, dstOffset, length); // the server store's own, straight into dst
            }

            @Override
            public void delete(BlobName name) throws IOException {
                check();
                delegate().delete(name);
            }

            @Override
            public String toString() {
                return delegate().toString();
            }
        };
    }
}
