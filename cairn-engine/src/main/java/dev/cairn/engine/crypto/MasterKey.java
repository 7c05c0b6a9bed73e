package dev.cairn.engine.crypto;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import javax.security.auth.Destroyable;

/**
 * The repository's secret: a 32-byte encryption key (AES-256-GCM for every sealed object) and a 32-byte id key (HMAC-SHA-256
 * blob ids). Serialised only inside a sealed key file, as {@code encryptionKey ‖ idKey}. Not thread-safe to destroy while in use.
 */
public final class MasterKey implements Destroyable {
    public static final int ENCODED_LENGTH = 64;
    private final byte[] encryptionKey;
    private final byte[] idKey;
    private boolean destroyed;

    private MasterKey(byte[] encryptionKey, byte[] idKey) {
        this.encryptionKey = encryptionKey;
        this.idKey = idKey;
    }

    public static MasterKey generate(RandomGenerator random) {
        byte[] e = new byte[32];
        byte[] i = new byte[32];
        random.nextBytes(e);
        random.nextBytes(i);
        return new MasterKey(e, i);
    }

    public static MasterKey decode(byte[] encoded) {
        if (encoded.length != ENCODED_LENGTH) {
            throw new CryptoException("master key must be 64 bytes, got " + encoded.length);
        }
        return new MasterKey(Arrays.copyOfRange(encoded, 0, 32), Arrays.copyOfRange(encoded, 32, 64));
    }

    public byte[] encode() {
        byte[] out = new byte[ENCODED_LENGTH];
        System.arraycopy(encryptionKey, 0, out, 0, 32);
        System.arraycopy(idKey, 0, out, 32, 32);
        return out;
    }

    /** The AES-256 key; the caller must not modify the array. */
    public byte[] encryptionKey() {
        return encryptionKey;
    }

    /** The HMAC key for blob ids; the caller must not modify the array. */
    public byte[] idKey() {
        return idKey;
    }

    @Override
    public void destroy() {
        Arrays.fill(encryptionKey, (byte) 0);
        Arrays.fill(idKey, (byte) 0);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }
}
