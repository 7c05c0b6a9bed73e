package dev.cairn.engine.compress;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDictCompress;
import dev.cairn.engine.chunk.Chunker;
import dev.cairn.engine.chunk.Chunkers;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Measuring tool for ADR 64 (not a test): walks a corpus in name order, chunks files as a backup does (FastCDC-1M, a fixed
 * secret), and reports for each candidate compression strategy the total stored payload bytes (compressed if smaller,
 * else raw; blobs the entropy sample calls incompressible stored raw) and the compression CPU seconds of one thread.
 *
 * <p>Run: {@code java -cp <engine classes>:<test classes>:<zstd-jni> dev.cairn.engine.compress.CompressionSurvey DIR
 * [trainBytes...]}.
 */
public final class CompressionSurvey {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    /** One candidate: compresses a blob into {@code out}, returning the stored length. */
    interface Strategy {
        int store(byte[] b, int len, byte[] out, boolean training);
    }

    record Result(String name, long[] bytes, long[] nanos) {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        Chunker chunker = Chunkers.create("FASTCDC-1M", new byte[Chunkers.SECRET_LENGTH]);
        int trainBytes = args.length > 1 ? Integer.parseInt(args[1]) : 4 << 20;
        int dictSize = args.length > 2 ? Integer.parseInt(args[2]) : 112 << 10;
        // pass 1: the training set = the first small blobs (< 64 KiB) up to trainBytes, as a backup would collect them
        List<byte[]> samples = new ArrayList<>();
        long sampled = 0;
        int trainingFiles = 0;
        for (Path f : files) {
            long size = Files.size(f);
            if (sampled >= trainBytes) {
                break;
            }
            trainingFiles++;
            if (size > 0 && size < Incompressible.MIN_LENGTH) {
                byte[] b = Files.readAllBytes(f);
                samples.add(b);
                sampled += b.length;
            }
        }
        Map<String, byte[]> dicts = new LinkedHashMap<>();
        for (boolean legacy : new boolean[] {false}) {
            byte[] dict = new byte[dictSize];
            long t0 = CPU.getCurrentThreadCpuTime();
            long n = Zstd.trainFromBuffer(samples.toArray(new byte[0][]), dict, legacy, 3);
            long t1 = CPU.getCurrentThreadCpuTime();
            if (Zstd.isError(n)) {
                throw new IllegalStateException(Zstd.getErrorName(n));
            }
            dict = java.util.Arrays.copyOf(dict, (int) n);
            System.out.printf("trained %s dictionary: %d bytes from %d samples (%d bytes) in %.3f CPU s%n",
                    legacy ? "legacy" : "fastCover", n, samples.size(), sampled, (t1 - t0) / 1e9);
            dicts.put(legacy ? "legacy" : "fastcover", dict);
        }
        byte[] fc = dicts.get("fastcover");
        Map<String, Strategy> strategies = new LinkedHashMap<>();
        strategies.put("L1", level(1));
        strategies.put("L3", level(3));
        strategies.put("L4", level(4));
        strategies.put("L3 magicless", magicless(3));
        strategies.put("L3+dict <64K", dict(fc, 3, 64 << 10));
        strategies.put("L3+dict <256K", dict(fc, 3, 256 << 10));
        strategies.put("L3+dict all", dict(fc, 3, Integer.MAX_VALUE));
        strategies.put("L1+dict <64K", dict(fc, 1, 64 << 10));
        strategies.put("L4+dict <64K", dict(fc, 4, 64 << 10));
        strategies.put("L3+dict <64K, L4 text >=64K", mixed(fc, 64 << 10));
        String[] names = strategies.keySet().toArray(new String[0]);
        // [0] all, [1] blobs < 64 KiB, [2] others
        long[][] bytes = new long[names.length][3];
        long[][] nanos = new long[names.length][3];
        long[] raw = new long[3];
        long[] count = new long[3];
        byte[] buf = new byte[8 << 20];
        byte[] out = new byte[(int) Zstd.compressBound(4 << 20) + 64];
        int fileNo = 0;
        for (Path f : files) {
            boolean training = fileNo++ < trainingFiles;
            byte[] data = Files.readAllBytes(f);
            int off = 0;
            while (off < data.length || (data.length == 0 && off == 0)) {
                if (data.length == 0) {
                    break;
                }
                int len = chunker.nextChunkLength(data, off, data.length - off);
                System.arraycopy(data, off, buf, 0, len);
                off += len;
                int cls = len < Incompressible.MIN_LENGTH ? 1 : 2;
                raw[0] += len;
                raw[cls] += len;
                count[0]++;
                count[cls]++;
                boolean incompressible = Incompressible.likely(buf, 0, len);
                for (int s = 0; s < names.length; s++) {
                    long t0 = CPU.getCurrentThreadCpuTime();
                    int stored = incompressible ? len : Math.min(len, strategies.get(names[s]).store(buf, len, out, training));
                    long dt = CPU.getCurrentThreadCpuTime() - t0;
                    bytes[s][0] += stored;
                    bytes[s][cls] += stored;
                    nanos[s][0] += dt;
                    nanos[s][cls] += dt;
                }
            }
        }
        System.out.printf("%s: %d files, %d blobs (%d < 64 KiB, %d bytes; %d larger, %d bytes), %d raw bytes%n", root,
                files.size(), count[0], count[1], raw[1], count[2], raw[2], raw[0]);
        System.out.println("| strategy | stored bytes | vs L3 | CPU s | small blobs bytes | small CPU s | large blobs bytes | large CPU s |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (int s = 0; s < names.length; s++) {
            System.out.printf("| %s | %,d | %.4f | %.2f | %,d | %.2f | %,d | %.2f |%n", names[s], bytes[s][0],
                    (double) bytes[s][0] / bytes[1][0], nanos[s][0] / 1e9, bytes[s][1], nanos[s][1] / 1e9, bytes[s][2],
                    nanos[s][2] / 1e9);
        }
    }

    private static Strategy level(int level) {
        ZstdCompressCtx ctx = new ZstdCompressCtx().setLevel(level).setChecksum(false);
        return (b, len, out, training) -> ctx.compressByteArray(out, 0, out.length, b, 0, len);
    }

    private static Strategy magicless(int level) {
        ZstdCompressCtx ctx = new ZstdCompressCtx().setLevel(level).setChecksum(false).setMagicless(true);
        return (b, len, out, training) -> ctx.compressByteArray(out, 0, out.length, b, 0, len);
    }

    /** Level {@code level} with the dictionary for blobs below {@code below} (except the training blobs). */
    private static Strategy dict(byte[] dict, int level, int below) {
        ZstdCompressCtx plain = new ZstdCompressCtx().setLevel(3).setChecksum(false);
        ZstdCompressCtx withDict = new ZstdCompressCtx().setLevel(level).setChecksum(false)
                .loadDict(new ZstdDictCompress(dict, level));
        ZstdCompressCtx sameLevel = new ZstdCompressCtx().setLevel(level).setChecksum(false);
        return (b, len, out, training) -> training ? plain.compressByteArray(out, 0, out.length, b, 0, len)
                : len < below ? withDict.compressByteArray(out, 0, out.length, b, 0, len)
                : sameLevel.compressByteArray(out, 0, out.length, b, 0, len);
    }

    private static Strategy mixed(byte[] dict, int below) {
        Strategy small = dict(dict, 3, below);
        Strategy large = level(4);
        return (b, len, out, training) -> len < below ? small.store(b, len, out, training) : large.store(b, len, out, training);
    }
}
