package dev.cairn.engine.compress;

import com.github.luben.zstd.Zstd;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Trains a zstd dictionary on the first small blobs a writer sees (ADR 64): it copies blobs shorter than
 * {@link #SAMPLE_BELOW} until it holds {@code sampleBytes}, then the caller whose blob completed the set trains a dictionary
 * of at most {@code dictionarySize} bytes (zstd's fastCover trainer; about 0.2 CPU s for 4 MiB of samples) and gets it;
 * every other call, before and after, gets null. Training happens at most once per trainer; if it fails (samples too
 * few or too alike) the trainer stops collecting. Thread-safe; holds at most {@code sampleBytes} plus one blob.
 */
public final class DictionaryTrainer {
    /** Only blobs shorter than this are samples: larger ones gain little from a dictionary (ADR 64). */
    public static final int SAMPLE_BELOW = 64 << 10;
    private final int sampleBytes;
    private final int dictionarySize;
    private final int level;
    private List<byte[]> samples = new ArrayList<>();
    private long collected;
    private boolean done;

    /** @param level the compression level the dictionary's entropy tables are tuned for */
    public DictionaryTrainer(int sampleBytes, int dictionarySize, int level) {
        if (sampleBytes <= 0 || dictionarySize < 1024) {
            throw new IllegalArgumentException("sampleBytes must be positive and dictionarySize at least 1 KiB");
        }
        this.sampleBytes = sampleBytes;
        this.dictionarySize = dictionarySize;
        this.level = level;
    }

    /** Whether this trainer still wants samples (false once it has trained or given up). */
    public synchronized boolean collecting() {
        return !done;
    }

    /**
     * Offers {@code data[off, off+len)} as a sample (copied if taken). Returns the dictionary to the one call that completes
     * the sample set, null to every other call (and to that one if training failed).
     */
    public ZstdDictionary offer(byte[] data, int off, int len) {
        List<byte[]> set;
        synchronized (this) {
            if (done || len <= 0 || len >= SAMPLE_BELOW) {
                return null;
            }
            samples.add(Arrays.copyOfRange(data, off, off + len));
            collected += len;
            if (collected < sampleBytes) {
                return null;
            }
            done = true;
            set = samples;
            samples = null;
        }
        return train(set, dictionarySize, level);
    }

    /** Trains a dictionary on {@code samples}; null if zstd cannot (too few or too small samples). */
    static ZstdDictionary train(List<byte[]> samples, int dictionarySize, int level) {
        byte[] buffer = new byte[dictionarySize];
        long n = Zstd.trainFromBuffer(samples.toArray(new byte[0][]), buffer, false, level);
        if (Zstd.isError(n) || n <= 8) {
            return null;
        }
        try {
            return ZstdDictionary.of(Arrays.copyOf(buffer, (int) n));
        } catch (CompressionException e) {
            return null; // the trainer chose a reserved ID (it picks one at random above 32,767, so it does not)
        }
    }
}
