package dev.cairn.engine.compress;

/** Per-blob compression registered by a stable name ({@code ZSTD-3}, {@code NONE}). Thread-safe. */
public interface Compressor {
    String name();

    /** Compresses {@code data[off, off+len)}; the result may be larger than the input (callers keep the smaller). */
    byte[] compress(byte[] data, int off, int len);

    /**
     * Compresses into {@code out[outOff, outOff+outCapacity)}; returns the compressed length, or -1 if the result would not
     * fit (callers pass a capacity below {@code len} to keep only output that shrinks).
     */
    int compressTo(byte[] data, int off, int len, byte[] out, int outOff, int outCapacity);

    /**
     * As {@link #compressTo(byte[], int, int, byte[], int, int)}, with a dictionary (null: none) whose ID the output names.
     * Compressors that take no dictionary ignore it.
     */
    default int compressTo(byte[] data, int off, int len, byte[] out, int outOff, int outCapacity, ZstdDictionary dictionary) {
        return compressTo(data, off, len, out, outOff, outCapacity);
    }

    /**
     * Decompresses to exactly {@code rawLength} bytes.
     *
     * @throws CompressionException if the input is not valid or does not decode to {@code rawLength} bytes
     */
    byte[] decompress(byte[] data, int off, int len, int rawLength);

    /**
     * Decompresses to exactly {@code rawLength} bytes at the start of {@code out} (which must not overlap the input). The
     * default copies the result of {@link #decompress}; implementations override it to decode in place.
     *
     * @throws CompressionException as {@link #decompress}
     */
    default void decompressTo(byte[] data, int off, int len, byte[] out, int rawLength) {
        System.arraycopy(decompress(data, off, len, rawLength), 0, out, 0, rawLength);
    }

    /**
     * As {@link #decompressTo(byte[], int, int, byte[], int)}; input that names a dictionary gets it from
     * {@code dictionaries}. Compressors that take no dictionary ignore them.
     *
     * @throws CompressionException also if the dictionary the input names is not in {@code dictionaries}
     */
    default void decompressTo(byte[] data, int off, int len, byte[] out, int rawLength, ZstdDictionaries dictionaries) {
        decompressTo(data, off, len, out, rawLength);
    }
}
