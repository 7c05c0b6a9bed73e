package dev.cairn.engine.compress;

import com.github.luben.zstd.ZstdDictCompress;
import com.github.luben.zstd.ZstdDictDecompress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A zstd dictionary in the format of RFC 8878 §5 ({@code magic 0xEC30A437 ‖ Dictionary_ID (uint32 LE) ‖ entropy tables ‖
 * content}), named by its nonzero ID. A frame compressed with it carries the ID in its header
 * ({@link ZstdFrames#dictionaryId}), so a reader can tell which dictionary it needs. The prepared forms (one per
 * compression level, one for decompression) are built on first use and shared; immutable and thread-safe.
 */
public final class ZstdDictionary {
    /** Dictionary IDs below this are reserved by the zstd format for registered dictionaries. */
    public static final int MIN_PRIVATE_ID = 32_768;
    static final int MAGIC = 0xEC30A437;
    private static final int HEADER = 8;
    private final byte[] bytes;
    private final int id;
    private volatile ZstdDictCompress compress;
    private int compressLevel;
    private volatile ZstdDictDecompress decompress;

    private ZstdDictionary(byte[] bytes, int id) {
        this.bytes = bytes;
        this.id = id;
    }

    /**
     * Reads a dictionary's bytes (copied).
     *
     * @throws CompressionException if they are not a zstd dictionary with an ID of {@value #MIN_PRIVATE_ID} or more
     */
    public static ZstdDictionary of(byte[] bytes) {
        if (bytes.length <= HEADER) {
            throw new CompressionException("a zstd dictionary needs more than " + HEADER + " bytes, got " + bytes.length, null);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != MAGIC) {
            throw new CompressionException("not a zstd dictionary (wrong magic number)", null);
        }
        int id = b.getInt(4);
        if (Integer.compareUnsigned(id, MIN_PRIVATE_ID) < 0) {
            throw new CompressionException("zstd dictionary ID " + Integer.toUnsignedString(id) + " is reserved (below "
                    + MIN_PRIVATE_ID + ")", null);
        }
        return new ZstdDictionary(bytes.clone(), id);
    }

    /** The Dictionary_ID (unsigned 32-bit, at least {@value #MIN_PRIVATE_ID}). */
    public int id() {
        return id;
    }

    /** A copy of the dictionary's bytes, as stored. */
    public byte[] bytes() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    /** The dictionary prepared for compression at {@code level} (built once, for the first level asked). */
    ZstdDictCompress forCompression(int level) {
        ZstdDictCompress c = compress;
        if (c == null) {
            synchronized (this) {
                c = compress;
                if (c == null) {
                    c = new ZstdDictCompress(bytes, level);
                    compressLevel = level;
                    compress = c;
                }
            }
        }
        if (compressLevel != level) { // written before the volatile publication of compress, so visible here
            throw new IllegalStateException("dictionary " + id + " is prepared for level " + compressLevel + ", not " + level);
        }
        return c;
    }

    ZstdDictDecompress forDecompression() {
        ZstdDictDecompress d = decompress;
        if (d == null) {
            synchronized (this) {
                d = decompress;
                if (d == null) {
                    d = new ZstdDictDecompress(bytes);
                    decompress = d;
                }
            }
        }
        return d;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ZstdDictionary d && d.id == id && Arrays.equals(d.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return id;
    }

    @Override
    public String toString() {
        return "zstd dictionary " + Integer.toUnsignedString(id) + " (" + bytes.length + " bytes)";
    }
}
