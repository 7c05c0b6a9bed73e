package dev.cairn.engine.format;

/**
 * Reusable arrays for {@link BlobCodec#openTo}: the decrypted payload and the plaintext. They grow to the largest blob seen
 * and are then reused, so opening blobs allocates nothing in the steady state (which keeps the heap, and with it the
 * process, small: ADR 4). Not thread-safe: one instance per thread. The plaintext is valid until the next open.
 */
public final class OpenBuffers {
    private final boolean reused;
    private final boolean overwriteInput;
    private byte[] payload = new byte[0];
    private byte[] plain = new byte[0];

    /** Buffers for many opens on one thread; they grow in 64 KiB steps and are reused. */
    public OpenBuffers() {
        this(true, false);
    }

    private OpenBuffers(boolean reused, boolean overwriteInput) {
        this.reused = reused;
        this.overwriteInput = overwriteInput;
    }

    /**
     * Reused buffers that let {@link BlobCodec#openTo} decrypt compressed blobs in place, overwriting the sealed input, so
     * no payload array is needed; for callers that read each sealed blob once (restore).
     */
    public static OpenBuffers overwritingInput() {
        return new OpenBuffers(true, true);
    }

    /** Buffers for a single open: sized exactly, so {@link #plain()} is the blob's plaintext and nothing more. */
    static OpenBuffers exact() {
        return new OpenBuffers(false, false);
    }

    /** Whether the sealed input may be decrypted in place. */
    boolean overwriteInput() {
        return overwriteInput;
    }

    /** The plaintext of the last successful open, in {@code plain()[0, rawLength)}. */
    public byte[] plain() {
        return plain;
    }

    byte[] payload(int length) {
        if (payload.length < length) {
            payload = new byte[grow(length)];
        }
        return payload;
    }

    byte[] plain(int length) {
        if (plain.length < length) {
            plain = new byte[grow(length)];
        }
        return plain;
    }

    /** Rounds up to a multiple of 64 KiB so that a sequence of slightly larger blobs does not reallocate each time. */
    private int grow(int length) {
        return reused ? (int) Math.min(Integer.MAX_VALUE - 8, ((long) length + 0xFFFF) & ~0xFFFFL) : length;
    }
}
