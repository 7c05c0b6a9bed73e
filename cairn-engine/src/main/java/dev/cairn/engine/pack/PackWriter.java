package dev.cairn.engine.pack;

import dev.cairn.engine.crypto.Aead;
import dev.cairn.engine.format.BlobCodec;
import dev.cairn.engine.id.BlobId;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds one pack in memory: {@code sealedBlob1 ‖ … ‖ sealedBlobN ‖ sealedHeader ‖ headerLength(uint32 LE)} (spec §Packs).
 * The header goes last so a pack can be written as a stream while blobs arrive. The pack's name (SHA-256) is computed as
 * blobs are appended, and the finished pack is handed out without copying. Not thread-safe; one writer per pack.
 */
public final class PackWriter {
    public static final byte[] HEADER_AD = "pack-header".getBytes(StandardCharsets.US_ASCII);
    private final MessageDigest digest = newSha256();
    private final List<PackEntry> entries = new ArrayList<>();
    private byte[] buffer;
    private int size;

    /** @param initialCapacity bytes to reserve; the buffer grows as needed */
    public PackWriter(int initialCapacity) {
        this(new byte[Math.max(1024, initialCapacity)]);
    }

    /** Writes into {@code buffer} (e.g. one recycled from a finished pack); it grows if needed. */
    public PackWriter(byte[] buffer) {
        this.buffer = buffer;
    }

    /** A finished pack: its name (SHA-256 of its bytes), its bytes ({@code buffer[0, length)}) and the blobs in it. */
    public record Finished(BlobId id, byte[] buffer, int length, List<PackEntry> entries) {
        public InputStream stream() {
            return new ByteArrayInputStream(buffer, 0, length);
        }

        /** A copy of the pack's bytes. */
        public byte[] bytes() {
            return Arrays.copyOf(buffer, length);
        }
    }

    public void add(BlobCodec.Sealed blob) {
        entries.add(new PackEntry(blob.type(), blob.id(), size, blob.length(), blob.rawLength(), blob.compressed()));
        append(blob.buffer(), blob.offset(), blob.length());
    }

    /** Bytes of sealed blobs written so far. */
    public int size() {
        return size;
    }

    public int count() {
        return entries.size();
    }

    public Finished finish(Aead aead, byte[] encryptionKey) {
        byte[] header = aead.seal(encryptionKey, PackHeaderCodec.encode(entries), HEADER_AD);
        append(header, 0, header.length);
        int n = header.length;
        append(new byte[] {(byte) n, (byte) (n >>> 8), (byte) (n >>> 16), (byte) (n >>> 24)}, 0, 4);
        return new Finished(BlobId.of(digest.digest()), buffer, size, List.copyOf(entries));
    }

    private void append(byte[] bytes, int off, int len) {
        if (size + len > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(size + len, buffer.length + (buffer.length >> 1)));
        }
        System.arraycopy(bytes, off, buffer, size, len);
        digest.update(bytes, off, len);
        size += len;
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }
}
