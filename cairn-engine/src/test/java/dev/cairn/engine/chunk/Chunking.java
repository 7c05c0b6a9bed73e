package dev.cairn.engine.chunk;

import java.util.Arrays;

/** Drives a {@link Chunker} over whole inputs, the way the archiver will. */
final class Chunking {

    private Chunking() {}

    /** Chunk lengths of {@code data}, handing the chunker everything left at each step. */
    static int[] lengths(Chunker chunker, byte[] data) {
        int[] out = new int[16];
        int n = 0;
        for (int off = 0; off < data.length; ) {
            int len = chunker.nextChunkLength(data, off, data.length - off);
            if (n == out.length) {
                out = Arrays.copyOf(out, n * 2);
            }
            out[n++] = len;
            off += len;
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * Chunk lengths of {@code data} as a streaming caller sees it: it only ever holds {@code window} bytes (at least the
     * maximum chunk size) in a buffer of its own, refilled after every chunk.
     */
    static int[] streamed(Chunker chunker, byte[] data, int window) {
        byte[] buf = new byte[window];
        int[] out = new int[16];
        int n = 0;
        for (int off = 0; off < data.length; ) {
            int have = Math.min(window, data.length - off);
            System.arraycopy(data, off, buf, 0, have);
            int len = chunker.nextChunkLength(buf, 0, have);
            if (n == out.length) {
                out = Arrays.copyOf(out, n * 2);
            }
            out[n++] = len;
            off += len;
        }
        return Arrays.copyOf(out, n);
    }

    /** End offsets (exclusive) of consecutive chunks with the given lengths. */
    static long[] cutOffsets(int[] lengths) {
        long[] cuts = new long[lengths.length];
        long off = 0;
        for (int i = 0; i < lengths.length; i++) {
            off += lengths[i];
            cuts[i] = off;
        }
        return cuts;
    }
}
