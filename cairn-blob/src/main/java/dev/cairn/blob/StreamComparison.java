package dev.cairn.blob;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Compares content with what a store holds, without holding either in memory. */
final class StreamComparison {
    private static final int BUFFER_SIZE = 64 * 1024;

    private StreamComparison() {
    }

    /** Whether {@code name} in {@code store} is exactly the {@code length} bytes of {@code expected} (not closed). */
    static boolean storedEquals(BlobStore store, BlobName name, InputStream expected, long length) throws IOException {
        if (store.stat(name).size() != length) {
            return false;
        }
        try (InputStream stored = store.get(name)) {
            return sameBytes(expected, stored, length);
        }
    }

    private static boolean sameBytes(InputStream a, InputStream b, long length) throws IOException {
        byte[] bufA = new byte[BUFFER_SIZE];
        byte[] bufB = new byte[BUFFER_SIZE];
        long remaining = length;
        while (remaining > 0) {
            int n = (int) Math.min(BUFFER_SIZE, remaining);
            if (a.readNBytes(bufA, 0, n) != n || b.readNBytes(bufB, 0, n) != n
                    || !Arrays.equals(bufA, 0, n, bufB, 0, n)) {
                return false;
            }
            remaining -= n;
        }
        return true;
    }
}
