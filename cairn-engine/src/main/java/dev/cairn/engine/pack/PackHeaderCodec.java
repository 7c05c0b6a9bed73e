package dev.cairn.engine.pack;

import dev.cairn.engine.format.FormatException;
import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.id.BlobType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The plaintext pack header (spec §Packs): {@code version(1)=1}, then per blob in pack order
 * {@code type(1) ‖ flags(1) ‖ length(uint32 LE) ‖ raw length(uint32 LE) ‖ id(32)}; offsets are the running sum of lengths.
 * flags bit 0 = compressed with the repository's compression.
 */
public final class PackHeaderCodec {
    public static final int VERSION = 1;
    public static final int ENTRY_SIZE = 42;

    private PackHeaderCodec() {
    }

    public static byte[] encode(List<PackEntry> entries) {
        ByteBuffer b = ByteBuffer.allocate(1 + entries.size() * ENTRY_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) VERSION);
        for (PackEntry e : entries) {
            b.put((byte) e.type().code()).put((byte) (e.compressed() ? 1 : 0)).putInt(e.length()).putInt(e.rawLength());
            b.put(e.id().toBytes());
        }
        return b.array();
    }

    /**
     * Decodes a header and checks that the blobs it lists fit before {@code dataEnd} (where the sealed header starts).
     *
     * @throws FormatException if the header is malformed or inconsistent with the pack size
     */
    public static List<PackEntry> decode(byte[] header, long dataEnd) throws FormatException {
        if (header.length < 1 || header[0] != VERSION) {
            throw new FormatException("pack header version " + (header.length == 0 ? "missing" : header[0]) + " is not supported");
        }
        if ((header.length - 1) % ENTRY_SIZE != 0) {
            throw new FormatException("pack header length " + header.length + " is not 1 + n*" + ENTRY_SIZE);
        }
        ByteBuffer b = ByteBuffer.wrap(header, 1, header.length - 1).order(ByteOrder.LITTLE_ENDIAN);
        List<PackEntry> entries = new ArrayList<>((header.length - 1) / ENTRY_SIZE);
        long offset = 0;
        while (b.hasRemaining()) {
            PackEntry e = entry(b, offset);
            offset += Integer.toUnsignedLong(e.length());
            if (offset > dataEnd) {
                throw new FormatException("pack header lists blobs beyond the data section (" + offset + " > " + dataEnd + ")");
            }
            entries.add(e);
        }
        return entries;
    }

    private static PackEntry entry(ByteBuffer b, long offset) throws FormatException {
        int typeCode = b.get() & 0xff;
        int flags = b.get() & 0xff;
        int length = b.getInt();
        int rawLength = b.getInt();
        byte[] id = new byte[BlobId.LENGTH];
        b.get(id);
        if (typeCode > BlobType.DICTIONARY.code() || (flags & ~1) != 0 || length < 0 || rawLength < 0) {
            throw new FormatException("pack header has an invalid entry at offset " + offset);
        }
        return new PackEntry(BlobType.ofCode(typeCode), BlobId.of(id), offset, length, rawLength, (flags & 1) != 0);
    }
}
