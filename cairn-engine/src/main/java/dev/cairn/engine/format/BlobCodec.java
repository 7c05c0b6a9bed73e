package dev.cairn.engine.format;

import dev.cairn.engine.compress.CompressionException;
import dev.cairn.engine.compress.Compressor;
import dev.cairn.engine.crypto.Aead;
import dev.cairn.engine.crypto.AuthenticationFailedException;
import dev.cairn.engine.crypto.BlobIdHasher;
import dev.cairn.engine.crypto.MasterKey;
import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.id.BlobType;

/**
 * Turns a blob's plaintext into its sealed form and back (spec §Blobs): compress if that makes it smaller, then
 * {@code AEAD(encryption key, payload, associated data = type code ‖ blob id)}. Binding type and id means a sealed blob
 * cannot be swapped for another undetected. Thread-safe.
 */
public final class BlobCodec {
    private final Aead aead;
    private final Compressor compressor;
    private final Compressor none;
    private final BlobIdHasher hasher;
    private final MasterKey key;

    public BlobCodec(Aead aead, Compressor compressor, Compressor none, BlobIdHasher hasher, MasterKey key) {
        this.aead = aead;
        this.compressor = compressor;
        this.none = none;
        this.hasher = hasher;
        this.key = key;
    }

    /** A sealed blob ready to append to a pack. */
    public record Sealed(BlobType type, BlobId id, byte[] bytes, boolean compressed, int rawLength) {
    }

    public BlobId id(byte[] plaintext, int off, int len) {
        return hasher.hash(plaintext, off, len);
    }

    public Sealed seal(BlobType type, BlobId id, byte[] plaintext, int off, int len) {
        byte[] packed = compressor.compress(plaintext, off, len);
        boolean compressed = packed.length < len;
        byte[] payload = compressed ? packed : java.util.Arrays.copyOfRange(plaintext, off, off + len);
        byte[] sealed = aead.seal(key.encryptionKey(), payload, 0, payload.length, ad(type, id));
        return new Sealed(type, id, sealed, compressed, len);
    }

    /**
     * Opens a sealed blob and checks that its plaintext hashes to {@code id}.
     *
     * @throws FormatException if authentication, decompression or the id check fails (the blob is damaged)
     */
    public byte[] open(BlobType type, BlobId id, byte[] sealed, int off, int len, boolean compressed, int rawLength)
            throws FormatException {
        try {
            byte[] payload = aead.open(key.encryptionKey(), sealed, off, len, ad(type, id));
            byte[] plain = compressed ? compressor.decompress(payload, 0, payload.length, rawLength)
                    : none.decompress(payload, 0, payload.length, rawLength);
            if (!hasher.hash(plain).equals(id)) {
                throw new FormatException(type.label() + " blob " + id + " does not match its id");
            }
            return plain;
        } catch (AuthenticationFailedException e) {
            throw new FormatException(type.label() + " blob " + id + " failed authentication (damaged or altered)", e);
        } catch (CompressionException e) {
            throw new FormatException(type.label() + " blob " + id + ": " + e.getMessage(), e);
        }
    }

    public int overhead() {
        return aead.overhead();
    }

    private static byte[] ad(BlobType type, BlobId id) {
        byte[] ad = new byte[1 + BlobId.LENGTH];
        ad[0] = (byte) type.code();
        id.copyTo(ad, 1);
        return ad;
    }
}
