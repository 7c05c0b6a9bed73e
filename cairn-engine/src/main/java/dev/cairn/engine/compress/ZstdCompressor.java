package dev.cairn.engine.compress;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;

/**
 * {@code ZSTD-<level>} via zstd-jni, one native context per thread (creating a context costs more than a small blob), and a
 * second one per thread for compressing or decoding with a dictionary (switching dictionaries re-references the prepared
 * dictionary, which costs nothing for the usual single dictionary).
 */
final class ZstdCompressor implements Compressor {
    private final String name;
    private final int level;
    private final ThreadLocal<ZstdCompressCtx> compressors;
    private final ThreadLocal<DictContext<ZstdCompressCtx>> dictCompressors;
    private static final ThreadLocal<ZstdDecompressCtx> DECOMPRESSORS = ThreadLocal.withInitial(ZstdDecompressCtx::new);
    private static final ThreadLocal<DictContext<ZstdDecompressCtx>> DICT_DECOMPRESSORS = ThreadLocal.withInitial(
            () -> new DictContext<>(new ZstdDecompressCtx()));

    /** A context and the dictionary it references now. */
    private static final class DictContext<C> {
        final C ctx;
        ZstdDictionary current;

        DictContext(C ctx) {
            this.ctx = ctx;
        }
    }

    ZstdCompressor(int level) {
        this.name = "ZSTD-" + level;
        this.level = level;
        this.compressors = ThreadLocal.withInitial(() -> new ZstdCompressCtx().setLevel(level).setChecksum(false));
        this.dictCompressors = ThreadLocal.withInitial(
                () -> new DictContext<>(new ZstdCompressCtx().setLevel(level).setChecksum(false).setDictID(true)));
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
        return compressTo(data, off, len, out, outOff, outCapacity, null);
    }

    @Override
    public int compressTo(byte[] data, int off, int len, byte[] out, int outOff, int outCapacity, ZstdDictionary dictionary) {
        ZstdCompressCtx ctx;
        if (dictionary == null) {
            ctx = compressors.get();
        } else {
            DictContext<ZstdCompressCtx> d = dictCompressors.get();
            if (d.current != dictionary) {
                d.ctx.loadDict(dictionary.forCompression(level));
                d.current = dictionary;
            }
            ctx = d.ctx;
        }
        try {
            return ctx.compressByteArray(out, outOff, outCapacity, data, off, len);
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
        decompressTo(data, off, len, out, rawLength, ZstdDictionaries.NONE);
    }

    @Override
    public void decompressTo(byte[] data, int off, int len, byte[] out, int rawLength, ZstdDictionaries dictionaries) {
        int dictionaryId = ZstdFrames.dictionaryId(data, off, len);
        ZstdDecompressCtx ctx;
        if (dictionaryId == 0) {
            ctx = DECOMPRESSORS.get();
        } else {
            ZstdDictionary dictionary = dictionaries.get(dictionaryId);
            if (dictionary == null) {
                throw new CompressionException("zstd data needs dictionary " + Integer.toUnsignedString(dictionaryId)
                        + ", which the repository does not have", null);
            }
            DictContext<ZstdDecompressCtx> d = DICT_DECOMPRESSORS.get();
            if (d.current != dictionary) {
                d.ctx.loadDict(dictionary.forDecompression());
                d.current = dictionary;
            }
            ctx = d.ctx;
        }
        int n;
        try {
            n = ctx.decompressByteArray(out, 0, rawLength, data, off, len);
        } catch (RuntimeException e) {
            throw new CompressionException("zstd data is damaged: " + e.getMessage(), e);
        }
        if (n != rawLength) {
            throw new CompressionException("zstd data decoded to " + n + " bytes, expected " + rawLength, null);
        }
    }
}
