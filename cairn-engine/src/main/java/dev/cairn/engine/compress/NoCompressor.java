package dev.cairn.engine.compress;

import java.util.Arrays;

/** {@code NONE}: stores bytes as they are. */
final class NoCompressor implements Compressor {
    @Override
    public String name() {
        return Compressors.NONE;
    }

    @Override
    public byte[] compress(byte[] data, int off, int len) {
        return Arrays.copyOfRange(data, off, off + len);
    }

    @Override
    public int compressTo(byte[] data, int off, int len, byte[] out, int outOff, int outCapacity) {
        return -1;
    }

    @Override
    public byte[] decompress(byte[] data, int off, int len, int rawLength) {
        if (len != rawLength) {
            throw new CompressionException("uncompressed blob has " + len + " bytes, expected " + rawLength, null);
        }
        return Arrays.copyOfRange(data, off, off + len);
    }
}
