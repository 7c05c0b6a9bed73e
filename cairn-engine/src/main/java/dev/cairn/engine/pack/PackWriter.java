package dev.cairn.engine.pack;

import dev.cairn.blob.StagedBlob;
import dev.cairn.engine.crypto.Aead;
import dev.cairn.engine.format.BlobCodec;
import dev.cairn.engine.id.BlobId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds one pack: {@code sealedBlob1 ‖ … ‖ sealedBlobN ‖ sealedHeader ‖ headerLength(uint32 LE)} (spec §Packs). The
 * header goes last so a pack can be written as a stream while blobs arrive; its name (SHA-256) is computed as they are
 * appended. The bytes go to a temporary file ({@link #inTempFile}, what backups use: a pack then costs no heap) or to
 * memory. Closing the writer releases them, so upload a {@link Finished} pack before closing. Not thread-safe.
 */
public final class PackWriter implements AutoCloseable {
    public static final byte[] HEADER_AD = "pack-header".getBytes(StandardCharsets.US_ASCII);
    private final MessageDigest digest = newSha256();
    private final List<PackEntry> entries = new ArrayList<>();
    private final PackOutput out;
    private long size;

    /** A writer that builds the pack in memory. @param initialCapacity bytes to reserve; the buffer grows as needed */
    public PackWriter(int initialCapacity) {
        this(new MemoryPackOutput(initialCapacity));
    }

    private PackWriter(PackOutput out) {
        this.out = out;
    }

    /**
     * A writer that builds the pack in an unnamed temporary file in {@code dir} (created if missing), removed when the writer
     * is closed and, on POSIX systems, even if the process dies.
     *
     * @throws IOException naming {@code dir} if the file cannot be created
     */
    public static PackWriter inTempFile(Path dir) throws IOException {
        return new PackWriter(TempFilePackOutput.create(dir));
    }

    /**
     * A writer that builds the pack in a local store's staged object, which the store then publishes in place, with no
     * copy ({@link Finished#staged()}; ADR 71). Closing the writer closes {@code staged} (deleting it unless published).
     *
     * @param dir the store's temporary directory, named in errors
     */
    public static PackWriter inStagedFile(StagedBlob staged, Path dir) {
        return new PackWriter(TempFilePackOutput.staged(staged, dir));
    }

    /** A finished pack: its name (SHA-256 of its bytes), its length and the blobs in it; its bytes until the writer closes. */
    public static final class Finished {
        private final BlobId id;
        private final long length;
        private final List<PackEntry> entries;
        private final PackOutput content;

        private Finished(BlobId id, long length, List<PackEntry> entries, PackOutput content) {
            this.id = id;
            this.length = length;
            this.entries = entries;
            this.content = content;
        }

        public BlobId id() {
            return id;
        }

        public long length() {
            return length;
        }

        public List<PackEntry> entries() {
            return entries;
        }

        /** The pack's bytes as a stream that supports mark/reset (a retrying store can re-send it); the caller closes it. */
        public InputStream stream() throws IOException {
            return content.read(length);
        }

        /**
         * The local store's staged object that holds exactly the pack's bytes ({@link #inStagedFile}): publish it as the
         * pack instead of putting {@link #stream()}. Null for a pack built elsewhere.
         */
        public StagedBlob staged() throws IOException {
            return content.staged();
        }

        /** A copy of the pack's bytes. */
        public byte[] bytes() throws IOException {
            try (InputStream in = stream()) {
                return in.readAllBytes();
            }
        }
    }

    /** Appends a sealed blob; its buffer may be reused as soon as this returns. */
    public void add(BlobCodec.Sealed blob) throws IOException {
        entries.add(new PackEntry(blob.type(), blob.id(), size, blob.length(), blob.rawLength(), blob.compressed()));
        append(blob.buffer(), blob.offset(), blob.length());
    }

    /** Bytes of sealed blobs written so far. */
    public long size() {
        return size;
    }

    public int count() {
        return entries.size();
    }

    /** Appends the sealed header and its length; the writer takes no more blobs after this. */
    public Finished finish(Aead aead, byte[] encryptionKey) throws IOException {
        byte[] header = aead.seal(encryptionKey, PackHeaderCodec.encode(entries), HEADER_AD);
        append(header, 0, header.length);
        int n = header.length;
        append(new byte[] {(byte) n, (byte) (n >>> 8), (byte) (n >>> 16), (byte) (n >>> 24)}, 0, 4);
        return new Finished(BlobId.of(digest.digest()), size, List.copyOf(entries), out);
    }

    /** Releases the pack's bytes (deletes its temporary file). */
    @Override
    public void close() throws IOException {
        out.close();
    }

    private void append(byte[] bytes, int off, int len) throws IOException {
        out.write(bytes, off, len);
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
