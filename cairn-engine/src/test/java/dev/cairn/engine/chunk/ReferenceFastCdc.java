package dev.cairn.engine.chunk;

/**
 * A deliberately naive transcription of the definition in {@code docs/spec/chunker.md}: the hash of every candidate is
 * recomputed from its 64-byte window, one byte at a time, with no skipping tricks. Slow; for cross-checking only.
 */
final class ReferenceFastCdc {

    private final ChunkerSpec spec;
    private final long[] gear;
    private final long maskS;
    private final long maskL;

    ReferenceFastCdc(ChunkerSpec spec, byte[] secret) {
        this.spec = spec;
        this.gear = GearTable.derive(secret);
        int bits = Integer.numberOfTrailingZeros(spec.avgSize());
        this.maskS = FastCdcMasks.mask(bits + spec.normalizationLevel());
        this.maskL = FastCdcMasks.mask(bits - spec.normalizationLevel());
    }

    int nextChunkLength(byte[] d, int off, int n) {
        if (n <= spec.minSize()) {
            return n;
        }
        int limit = Math.min(n, spec.maxSize());
        for (int length = spec.minSize(); length < limit; length++) {
            long mask = length < spec.avgSize() ? maskS : maskL;
            if ((windowHash(d, off + length) & mask) == 0) {
                return length;
            }
        }
        return limit;
    }

    /** {@code sum_{k=0..63} gear[d[end-1-k]] * 2^k mod 2^64}. */
    private long windowHash(byte[] d, int end) {
        long h = 0;
        for (int k = 0; k < 64; k++) {
            h += gear[d[end - 1 - k] & 0xff] << k;
        }
        return h;
    }
}
