package dev.cairn.engine.pack;

import dev.cairn.blob.BlobInfo;
import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobStore;
import dev.cairn.engine.crypto.Aead;
import dev.cairn.engine.crypto.AuthenticationFailedException;
import dev.cairn.engine.format.FormatException;
import dev.cairn.engine.id.BlobId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/** Reads a pack's header (from the end of the pack) and verifies whole packs. Stateless and thread-safe. */
public final class PackReader {
    private static final int MAX_HEADER = 64 << 20;

    private PackReader() {
    }

    /**
     * Reads and decodes the header of a stored pack with two ranged reads.
     *
     * @throws FormatException if the pack is truncated, its header fails authentication, or it is malformed
     * @throws IOException on storage failures (including a missing pack)
     */
    public static List<PackEntry> readHeader(BlobStore store, BlobId pack, Aead aead, byte[] key) throws IOException, FormatException {
        BlobName name = BlobName.of(BlobKind.PACK, pack.hex());
        BlobInfo info = store.stat(name);
        if (info.size() < 4) {
            throw new FormatException("pack " + pack + " is truncated (" + info.size() + " bytes)");
        }
        int headerLength = readLength(store.getRange(name, info.size() - 4, 4));
        long headerStart = info.size() - 4 - headerLength;
        if (headerLength < aead.overhead() || headerLength > MAX_HEADER || headerStart < 0) {
            throw new FormatException("pack " + pack + " is truncated or has an invalid header length " + headerLength);
        }
        byte[] sealed = store.getRange(name, headerStart, headerLength);
        return decodeSealedHeader(pack, sealed, headerStart, aead, key);
    }

    /** Parses the header of a pack held in memory. */
    public static List<PackEntry> parse(BlobId pack, byte[] bytes, Aead aead, byte[] key) throws FormatException {
        if (bytes.length < 4) {
            throw new FormatException("pack " + pack + " is truncated (" + bytes.length + " bytes)");
        }
        int headerLength = readLength(java.util.Arrays.copyOfRange(bytes, bytes.length - 4, bytes.length));
        long headerStart = (long) bytes.length - 4 - headerLength;
        if (headerLength < aead.overhead() || headerStart < 0) {
            throw new FormatException("pack " + pack + " is truncated or has an invalid header length " + headerLength);
        }
        byte[] sealed = java.util.Arrays.copyOfRange(bytes, (int) headerStart, bytes.length - 4);
        return decodeSealedHeader(pack, sealed, headerStart, aead, key);
    }

    /** Whether the bytes hash to the pack's name (SHA-256); detects any change to a stored pack. */
    public static boolean hashMatches(BlobId pack, byte[] bytes) {
        return BlobId.sha256(bytes).equals(pack);
    }

    private static List<PackEntry> decodeSealedHeader(BlobId pack, byte[] sealed, long dataEnd, Aead aead, byte[] key)
            throws FormatException {
        try {
            byte[] header = aead.open(key, sealed, PackWriter.HEADER_AD);
            return PackHeaderCodec.decode(header, dataEnd);
        } catch (AuthenticationFailedException e) {
            throw new FormatException("pack " + pack + " has a damaged header (authentication failed)", e);
        } catch (FormatException e) {
            throw new FormatException("pack " + pack + ": " + e.getMessage(), e);
        }
    }

    private static int readLength(byte[] four) {
        return ByteBuffer.wrap(four).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }
}
