package dev.cairn.engine.format;

import dev.cairn.engine.crypto.Aead;
import dev.cairn.engine.crypto.AuthenticationFailedException;
import dev.cairn.engine.crypto.MasterKey;
import com.github.luben.zstd.Zstd;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Seals and opens "unpacked" objects (config, index, snapshot, lock files; spec §Unpacked objects):
 * {@code sealed = AEAD(master encryption key, payload, associated data = ASCII kind name)} where
 * {@code payload = 0x01 ‖ json} or {@code 0x02 ‖ uint32 LE json length ‖ zstd frame}. Thread-safe.
 */
public final class SealedFiles {
    private static final int RAW = 1;
    private static final int ZSTD = 2;
    private static final int COMPRESS_ABOVE = 512;
    private static final int MAX_DOCUMENT = 512 << 20;
    private final Aead aead;
    private final MasterKey key;

    public SealedFiles(Aead aead, MasterKey key) {
        this.aead = aead;
        this.key = key;
    }

    public byte[] seal(String kindName, byte[] json) {
        byte[] payload = json.length > COMPRESS_ABOVE ? compressed(json) : raw(json);
        return aead.seal(key.encryptionKey(), payload, ad(kindName));
    }

    /**
     * Opens a sealed object.
     *
     * @throws AuthenticationFailedException if the bytes were altered, truncated, or sealed under another key or kind
     * @throws FormatException if the payload framing is invalid
     */
    public byte[] open(String kindName, byte[] sealed) throws FormatException {
        byte[] payload = aead.open(key.encryptionKey(), sealed, ad(kindName));
        if (payload.length == 0) {
            throw new FormatException(kindName + " object has an empty payload");
        }
        return switch (payload[0]) {
            case RAW -> java.util.Arrays.copyOfRange(payload, 1, payload.length);
            case ZSTD -> decompress(kindName, payload);
            default -> throw new FormatException(kindName + " object has unknown payload format " + payload[0]);
        };
    }

    private static byte[] raw(byte[] json) {
        byte[] out = new byte[json.length + 1];
        out[0] = RAW;
        System.arraycopy(json, 0, out, 1, json.length);
        return out;
    }

    private static byte[] compressed(byte[] json) {
        byte[] frame = Zstd.compress(json, 3);
        ByteBuffer out = ByteBuffer.allocate(5 + frame.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) ZSTD).putInt(json.length).put(frame);
        return out.array();
    }

    private static byte[] decompress(String kindName, byte[] payload) throws FormatException {
        if (payload.length < 5) {
            throw new FormatException(kindName + " object is truncated");
        }
        int length = ByteBuffer.wrap(payload, 1, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (length < 0 || length > MAX_DOCUMENT) {
            throw new FormatException(kindName + " object claims an invalid length " + length);
        }
        byte[] out = new byte[length];
        try {
            long n = Zstd.decompressByteArray(out, 0, length, payload, 5, payload.length - 5);
            if (n != length) {
                throw new FormatException(kindName + " object decoded to " + n + " bytes, expected " + length);
            }
        } catch (RuntimeException e) {
            throw new FormatException(kindName + " object has damaged compressed data", e);
        }
        return out;
    }

    private static byte[] ad(String kindName) {
        return kindName.getBytes(StandardCharsets.US_ASCII);
    }
}
