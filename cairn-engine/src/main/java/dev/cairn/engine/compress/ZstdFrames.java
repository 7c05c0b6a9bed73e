package dev.cairn.engine.compress;

/** Reads fields of a zstd frame header (RFC 8878 §3.1.1) without decoding the frame. Stateless. */
public final class ZstdFrames {
    static final int MAGIC = 0xFD2FB528;

    private ZstdFrames() {
    }

    /**
     * The Dictionary_ID of the frame that starts at {@code data[off]}: 0 if the frame names no dictionary, else the ID as
     * an unsigned 32-bit value in an int.
     *
     * @throws CompressionException if {@code data[off, off+len)} does not start with a zstd frame header
     */
    public static int dictionaryId(byte[] data, int off, int len) {
        if (len < 5 || littleEndian(data, off, 4) != MAGIC) {
            throw new CompressionException("zstd data is damaged: no frame header", null);
        }
        int descriptor = data[off + 4] & 0xff;
        int idSize = switch (descriptor & 3) {
            case 0 -> 0;
            case 1 -> 1;
            case 2 -> 2;
            default -> 4;
        };
        boolean singleSegment = (descriptor & 0x20) != 0;
        int at = off + 5 + (singleSegment ? 0 : 1); // the Window_Descriptor byte, absent in single-segment frames
        if (at + idSize > off + len) {
            throw new CompressionException("zstd data is damaged: truncated frame header", null);
        }
        return littleEndian(data, at, idSize);
    }

    private static int littleEndian(byte[] data, int at, int n) {
        int v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (data[at + i] & 0xff);
        }
        return v;
    }
}
