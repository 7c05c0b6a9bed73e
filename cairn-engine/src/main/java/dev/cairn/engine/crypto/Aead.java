package dev.cairn.engine.crypto;

/**
 * Authenticated encryption with associated data, registered by a stable name. Sealed layout: {@code nonce ‖ ciphertext ‖ tag}.
 * Implementations are thread-safe.
 */
public interface Aead {
    /** The persisted algorithm name, e.g. {@code AES256-GCM}. */
    String name();

    /** Bytes added by {@link #seal}: nonce plus tag. */
    int overhead();

    /** Encrypts {@code plaintext[off, off+len)} under {@code key} with a fresh random nonce, binding {@code associatedData}. */
    byte[] seal(byte[] key, byte[] plaintext, int off, int len, byte[] associatedData);

    /**
     * Decrypts and authenticates {@code sealed[off, off+len)}.
     *
     * @throws AuthenticationFailedException if the key or associated data differ, or the bytes were altered
     */
    byte[] open(byte[] key, byte[] sealed, int off, int len, byte[] associatedData);

    /**
     * Decrypts into {@code out} at {@code outOff} (needs {@code len - overhead()} bytes there); returns the plaintext length.
     * Avoids an allocation per blob on the restore hot path. {@code out} must not overlap the input.
     *
     * @throws AuthenticationFailedException as {@link #open}; {@code out} then holds unspecified bytes
     */
    int openTo(byte[] key, byte[] sealed, int off, int len, byte[] associatedData, byte[] out, int outOff);

    /**
     * Seals into {@code out} at {@code outOff} (needs {@code len + overhead()} bytes there); returns the sealed length.
     * Avoids an allocation per blob on the backup hot path.
     */
    int sealTo(byte[] key, byte[] plaintext, int off, int len, byte[] associatedData, byte[] out, int outOff);

    /** Bytes before the ciphertext in the sealed layout (the nonce): where {@link #sealInPlace} expects the plaintext. */
    int payloadOffset();

    /**
     * Seals {@code buf[off + payloadOffset(), +len)} in place: afterwards {@code buf[off, off + len + overhead())} holds the
     * sealed form; returns its length. Needs no output buffer besides {@code buf} (the backup hot path).
     */
    int sealInPlace(byte[] key, byte[] buf, int off, int len, byte[] associatedData);

    /**
     * Opens the sealed {@code buf[off, off+len)} in place: the plaintext ends up in {@code buf[off + payloadOffset(),
     * +len - overhead())}; returns its length.
     *
     * @throws AuthenticationFailedException as {@link #open}; the range then holds unspecified bytes
     */
    int openInPlace(byte[] key, byte[] buf, int off, int len, byte[] associatedData);

    default byte[] seal(byte[] key, byte[] plaintext, byte[] associatedData) {
        return seal(key, plaintext, 0, plaintext.length, associatedData);
    }

    default byte[] open(byte[] key, byte[] sealed, byte[] associatedData) {
        return open(key, sealed, 0, sealed.length, associatedData);
    }
}
