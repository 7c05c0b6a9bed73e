package dev.cairn.server.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Wraps a request body on its way into a store: counts bytes, tells client failures (a body that ends early or breaks)
 * apart from store failures, and, when an expected SHA-256 is given, fails the read that completes the body if the
 * digest differs, so the store never publishes the object. Flags are read by {@link ObjectService} after a failed put.
 * Not thread-safe (one upload, one thread). Does not close the body.
 */
final class UploadStream extends FilterInputStream {
    private final long expectedLength;
    private final MessageDigest digest;
    private final String expectedSha256;
    private long count;
    private boolean clientFailed;
    private boolean digestMismatch;

    UploadStream(InputStream body, long expectedLength, String expectedSha256) {
        super(body);
        this.expectedLength = expectedLength;
        this.expectedSha256 = expectedSha256;
        this.digest = expectedSha256 == null ? null : sha256();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n;
        try {
            n = super.read(b, off, len);
        } catch (IOException e) {
            clientFailed = true;
            throw e;
        }
        if (n < 0) {
            if (expectedLength >= 0 && count < expectedLength) {
                clientFailed = true;
            }
            return n;
        }
        count += n;
        if (digest != null) {
            digest.update(b, off, n);
            if (count == expectedLength) {
                verify();
            }
        }
        return n;
    }

    private void verify() throws IOException {
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(expectedSha256)) {
            digestMismatch = true;
            throw new IOException("content SHA-256 " + actual + " does not match its name " + expectedSha256);
        }
    }

    @Override
    public void close() {
        // the caller owns the body
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    long count() {
        return count;
    }

    boolean clientFailed() {
        return clientFailed;
    }

    boolean digestMismatch() {
        return digestMismatch;
    }

    /** Reads the rest of the body (for an idempotent re-upload), verifying the digest if one is expected. */
    void drain() throws IOException {
        byte[] buffer = new byte[64 * 1024];
        while (read(buffer, 0, buffer.length) >= 0) {
            // digest and count are updated by read
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
