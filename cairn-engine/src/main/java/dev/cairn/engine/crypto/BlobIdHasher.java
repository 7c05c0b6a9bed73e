package dev.cairn.engine.crypto;

import dev.cairn.engine.id.BlobId;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code HMAC-SHA256}: the keyed identity of a blob's plaintext. Keyed, so an id reveals nothing about content to anyone
 * without the repository key. Thread-safe: one {@link Mac} per thread.
 */
public final class BlobIdHasher {
    public static final String NAME = "HMAC-SHA256";
    private final ThreadLocal<Mac> macs;

    public BlobIdHasher(byte[] key) {
        if (key.length != 32) {
            throw new CryptoException("HMAC-SHA256 id key must be 32 bytes, got " + key.length);
        }
        SecretKeySpec spec = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> newMac(spec));
    }

    public String name() {
        return NAME;
    }

    public BlobId hash(byte[] data, int off, int len) {
        Mac mac = macs.get();
        mac.update(data, off, len);
        return BlobId.of(mac.doFinal());
    }

    public BlobId hash(byte[] data) {
        return hash(data, 0, data.length);
    }

    private static Mac newMac(SecretKeySpec spec) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(spec);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new CryptoException("this JDK has no HmacSHA256", e);
        }
    }
}
