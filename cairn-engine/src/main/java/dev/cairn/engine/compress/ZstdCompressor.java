package dev.cairn.engine.compress;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;

/** {@code ZSTD-<level>} via zstd-jni, one native context per thread (creating a context costs more than a small blob). */
final class ZstdCompressor implements Compressor {
    private final String name;
    private final ThreadLocal<ZstdCompressCtx> compressors;
    private static final ThreadLocal<ZstdDecompressCtx> DECOMPRESSORS = ThreadLocal.withInitial(ZstdDecompressCtx::new);

    ZstdCompressor(int level) {
        this.name = "ZSTD-" + level;
        this.compressors = ThreadLocal.withInitial(() -> new ZstdCompressCtx().setLevel(level).setChecksum(false));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public byte[] compress(byte[] data, int off, int len) {
        byte[] out = new byte[(int) Zstd.compressBound(len)];
        int n = compressors.get().compressByteArray(out, 0, out.length, data, off, len);
        return java.util.Arrays.copyOf(out, n);
    }

    @Override
    public int compressTo(byte[] data, int off, int len, byte[] out, int outOff, int outCapacity) {
        try {
            return compressors.get().compressByteArray(out, outOff, outCapacity, data, off, len);
        } catch (com.github.luben.zstd.ZstdException e) {
            return -1; // destination too small: the data does not shrink enough
        }
    }

    @Override
    public byte[] decompress(byte[] data, int off, int len, int rawLength) {
        byte[] out = new byte[rawLength];
        decompressTo(data, off, len, out, rawLength);
        return out;
    }

    @Override
    public void decompressTo(byte[] data, int off, int len, byte[] out, int rawLength) {
        int n;
        try {
            n = DECOMPRESSORS.get().decompressByteArray(out, 0, rawLength, data, off, len);
        } catch (RuntimeException e) {
            throw new CompressionException("zstd data is damaged: " + e.getMessage(), e);
        }
        if (n != rawLength) {
            throw new CompressionException("zstd data decoded to " + n + " bytes, expected " + rawLength, null);
        }
    }
}
