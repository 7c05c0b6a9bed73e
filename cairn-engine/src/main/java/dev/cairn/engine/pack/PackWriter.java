package dev.cairn.engine.pack;

import dev.cairn.engine.crypto.Aead;
import dev.cairn.engine.format.BlobCodec;
import dev.cairn.engine.id.BlobId;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds one pack in memory: {@code sealedBlob1 ‖ … ‖ sealedBlobN ‖ sealedHeader ‖ headerLength(uint32 LE)} (spec §Packs).
 * The header goes last so a pack can be written as a stream while blobs arrive. Not thread-safe; one writer per pack.
 */
public final class PackWriter {
    public static final byte[] HEADER_AD = "pack-header".getBytes(StandardCharsets.US_ASCII);
    private final ByteArrayOutputStream data;
    private final List<PackEntry> entries = new ArrayList<>();

    public PackWriter(int expectedSize) {
        this.data = new ByteArrayOutputStream(expectedSize);
    }

    /** A finished pack: its bytes, its name (SHA-256 of the bytes) and the blobs in it. */
    public record Finished(BlobId id, byte[] bytes, List<PackEntry> entries) {
    }

    public void add(BlobCodec.Sealed blob) {
        entries.add(new PackEntry(blob.type(), blob.id(), data.size(), blob.bytes().length, blob.rawLength(), blob.compressed()));
        data.writeBytes(blob.bytes());
    }

    /** Bytes of sealed blobs written so far. */
    public int size() {
        return data.size();
    }

    public int count() {
        return entries.size();
    }

    public Finished finish(Aead aead, byte[] encryptionKey) {
        byte[] header = aead.seal(encryptionKey, PackHeaderCodec.encode(entries), HEADER_AD);
        data.writeBytes(header);
        int n = header.length;
        data.writeBytes(new byte[] {(byte) n, (byte) (n >>> 8), (byte) (n >>> 16), (byte) (n >>> 24)});
        byte[] bytes = data.toByteArray();
        return new Finished(sha256(bytes), bytes, List.copyOf(entries));
    }

    static BlobId sha256(byte[] bytes) {
        try {
            return BlobId.of(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }
}
