package dev.cairn.engine.format;

import dev.cairn.engine.compress.CompressionException;
import dev.cairn.engine.compress.Compressor;
import dev.cairn.engine.compress.Incompressible;
import dev.cairn.engine.compress.ZstdDictionaries;
import dev.cairn.engine.compress.ZstdDictionary;
import dev.cairn.engine.crypto.Aead;
import dev.cairn.engine.crypto.AuthenticationFailedException;
import dev.cairn.engine.crypto.BlobIdHasher;
import dev.cairn.engine.crypto.MasterKey;
import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.id.BlobType;

/**
 * Turns a blob's plaintext into its sealed form and back (spec §Blobs): compress if that makes it smaller (not trying
 * when a sample says it cannot), then
 * {@code AEAD(encryption key, payload, associated data = type code ‖ blob id)}. Binding type and id means a sealed blob
 * cannot be swapped for another undetected. Thread-safe.
 */
public final class BlobCodec {
    private final Aead aead;
    private final Compressor compressor;
    private final BlobIdHasher hasher;
    private final MasterKey key;
    /** Keys the ids of dictionary blobs: {@code HMAC-SHA256(id key, ASCII "zstd-dictionary")}. */
    private final BlobIdHasher dictionaryIds;
    private volatile ZstdDictionaries dictionaries = ZstdDictionaries.NONE;

    public BlobCodec(Aead aead, Compressor compressor, BlobIdHasher hasher, MasterKey key) {
        this.aead = aead;
        this.compressor = compressor;
        this.hasher = hasher;
        this.key = key;
        this.dictionaryIds = new BlobIdHasher(new BlobIdHasher(key.idKey())
                .hash("zstd-dictionary".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).toBytes());
    }

    /** Where {@link #open} finds the dictionaries that data blobs name (the repository's; none until set). */
    public void useDictionaries(ZstdDictionaries source) {
        this.dictionaries = source;
    }

    /**
     * The blob id of the dictionary with this zstd Dictionary_ID (spec §Dictionaries):
     * {@code HMAC-SHA256(HMAC-SHA256(id key, ASCII "zstd-dictionary"), uint32 LE Dictionary_ID)}. A reader finds the
     * dictionary a frame names with one index lookup; no plaintext hashes to it, so it never deduplicates with data.
     */
    public BlobId dictionaryBlobId(int dictionaryId) {
        byte[] le = {(byte) dictionaryId, (byte) (dictionaryId >>> 8), (byte) (dictionaryId >>> 16), (byte) (dictionaryId >>> 24)};
        return dictionaryIds.hash(le);
    }

    /** A sealed blob ready to append to a pack: {@code buffer[offset, offset+length)}. */
    public record Sealed(BlobType type, BlobId id, byte[] buffer, int offset, int length, boolean compressed, int rawLength) {
    }

    /** Scratch buffers larger than this are not kept per thread (one-off large tree blobs). */
    private static final int KEEP_SCRATCH = 8 << 20;
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[0]);

    public BlobId id(byte[] plaintext, int off, int len) {
        return hasher.hash(plaintext, off, len);
    }

    /** Seals into a fresh array; the result stays valid. */
    public Sealed seal(BlobType type, BlobId id, byte[] plaintext, int off, int len) {
        return sealInto(type, id, plaintext, off, len, new byte[len + aead.overhead()], null);
    }

    /**
     * Seals into this thread's scratch buffer, allocating nothing per blob on the backup hot path. The result is valid only
     * until the next call on the same thread: copy it (e.g. into a pack) before sealing the next blob.
     */
    public Sealed sealReusingBuffers(BlobType type, BlobId id, byte[] plaintext, int off, int len) {
        return sealReusingBuffers(type, id, plaintext, off, len, null);
    }

    /** As {@link #sealReusingBuffers(BlobType, BlobId, byte[], int, int)}, compressing with {@code dictionary} (null: none). */
    public Sealed sealReusingBuffers(BlobType type, BlobId id, byte[] plaintext, int off, int len, ZstdDictionary dictionary) {
        byte[] scratch = SCRATCH.get();
        if (scratch.length < len + aead.overhead()) {
            scratch = new byte[len + aead.overhead()];
            if (scratch.length <= KEEP_SCRATCH) {
                SCRATCH.set(scratch);
            }
        }
        return sealInto(type, id, plaintext, off, len, scratch, dictionary);
    }

    /**
     * Data the sample test of {@link Incompressible} finds incompressible is not even tried (ADR 40). One buffer of
     * {@code len + overhead} bytes serves both steps: zstd writes its frame where the ciphertext goes (after
     * the nonce) and the AEAD encrypts it in place; incompressible data is encrypted from {@code plaintext} into it.
     */
    private Sealed sealInto(BlobType type, BlobId id, byte[] plaintext, int off, int len, byte[] out, ZstdDictionary dictionary) {
        int at = aead.payloadOffset();
        int n = len > 1 && !Incompressible.likely(plaintext, off, len)
                ? compressor.compressTo(plaintext, off, len, out, at, len - 1, dictionary) : -1;
        boolean compressed = n > 0;
        int sealedLength = compressed ? aead.sealInPlace(key.encryptionKey(), out, 0, n, ad(type, id))
                : aead.sealTo(key.encryptionKey(), plaintext, off, len, ad(type, id), out, 0);
        return new Sealed(type, id, out, 0, sealedLength, compressed, len);
    }

    /**
     * Opens a sealed blob and checks that its plaintext hashes to {@code id}.
     *
     * @throws FormatException if authentication, decompression or the id check fails (the blob is damaged)
     */
    public byte[] open(BlobType type, BlobId id, byte[] sealed, int off, int len, boolean compressed, int rawLength)
            throws FormatException {
        OpenBuffers buffers = OpenBuffers.exact();
        openTo(type, id, sealed, off, len, compressed, rawLength, buffers);
        return buffers.plain();
    }

    /**
     * Opens a sealed blob into {@code buffers} (plaintext in {@code buffers.plain()[0, rawLength)}) and checks that it hashes
     * to {@code id}. Allocates nothing once the buffers have grown to the blob size. With
     * {@link OpenBuffers#overwritingInput} buffers, {@code sealed[off, off+len)} is overwritten (compressed blobs are
     * decrypted in place).
     *
     * @throws FormatException if authentication, decompression or the id check fails (the blob is damaged)
     */
    public void openTo(BlobType type, BlobId id, byte[] sealed, int off, int len, boolean compressed, int rawLength,
            OpenBuffers buffers) throws FormatException {
        try {
            int payloadLength = len - aead.overhead();
            if (payloadLength < 0 || rawLength < 0) {
                throw new FormatException(type.label() + " blob " + id + " is truncated (" + len + " sealed bytes)");
            }
            byte[] plain;
            if (compressed && buffers.overwriteInput()) {
                aead.openInPlace(key.encryptionKey(), sealed, off, len, ad(type, id));
                plain = buffers.plain(rawLength); // only after authentication: the length is trusted from here on
                compressor.decompressTo(sealed, off + aead.payloadOffset(), payloadLength, plain, rawLength, dictionaries);
            } else if (compressed) {
                byte[] payload = buffers.payload(payloadLength);
                aead.openTo(key.encryptionKey(), sealed, off, len, ad(type, id), payload, 0);
                plain = buffers.plain(rawLength); // only after authentication: the length is trusted from here on
                compressor.decompressTo(payload, 0, payloadLength, plain, rawLength, dictionaries);
            } else {
                if (payloadLength != rawLength) {
                    throw new FormatException(type.label() + " blob " + id + " holds " + payloadLength
                            + " uncompressed bytes, expected " + rawLength);
                }
                plain = buffers.plain(rawLength);
                aead.openTo(key.encryptionKey(), sealed, off, len, ad(type, id), plain, 0);
            }
            if (!expectedId(type, plain, rawLength).equals(id)) {
                throw new FormatException(type.label() + " blob " + id + " does not match its id");
            }
        } catch (AuthenticationFailedException e) {
            throw new FormatException(type.label() + " blob " + id + " failed authentication (damaged or altered)", e);
        } catch (CompressionException e) {
            throw new FormatException(type.label() + " blob " + id + ": " + e.getMessage(), e);
        }
    }

    /** A data or tree blob's id is the keyed hash of its plaintext; a dictionary's derives from the ID in its header. */
    private BlobId expectedId(BlobType type, byte[] plain, int rawLength) {
        if (type != BlobType.DICTIONARY) {
            return hasher.hash(plain, 0, rawLength);
        }
        return dictionaryBlobId(ZstdDictionary.of(java.util.Arrays.copyOf(plain, rawLength)).id());
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
