package dev.cairn.bench;

import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.id.BlobType;
import dev.cairn.engine.index.BlobLocation;
import dev.cairn.engine.index.IndexCache;
import dev.cairn.engine.index.MasterIndex;
import dev.cairn.engine.pack.PackEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The on-disk index at scale (run by {@code bench/index-lookups.sh}, meant for the agent's 56 MiB heap): adds N random blob
 * ids the way a backup does (one run per 16,384 blobs, merged in the background), reopens the index from its cache, looks
 * up every id and N absent ids, and checks every answer against the generator (entry i is a pure function of i, so the
 * reference needs no memory). Prints one Markdown table row. Arguments: N (default 5,000,000), cache directory.
 */
public final class IndexLookupBench {
    private static final int PER_PACK = 1000;
    private static final int PER_INDEX_FILE = 16_384;

    private IndexLookupBench() {
    }

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 5_000_000;
        Path cache = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("cairn-index-bench-");
        List<String> files = new ArrayList<>();
        long t0 = System.nanoTime();
        try (MasterIndex index = IndexCache.load(cache, List.of(), (id, v) -> false)) {
            add(index, n, files);
        }
        long built = System.nanoTime();
        long present;
        long absent;
        long opened;
        try (MasterIndex index = IndexCache.load(cache, files, (id, v) -> {
            throw new IllegalStateException("index file decoded although the cache stands for it");
        })) {
            opened = System.nanoTime();
            for (int i = 0; i < n; i++) {
                BlobLocation loc = index.lookup(id(i));
                if (loc == null || !loc.equals(location(i))) {
                    throw new AssertionError("entry " + i + ": found " + loc + ", expected " + location(i));
                }
            }
            present = System.nanoTime();
            for (int i = 0; i < n; i++) {
                if (index.contains(id(-1 - i))) {
                    throw new AssertionError("absent id " + i + " found");
                }
            }
            absent = System.nanoTime();
        }
        Runtime rt = Runtime.getRuntime();
        System.gc();
        System.out.printf("| %,d | %.1f | %.2f | %.2f | %.2f | %d | %.1f |%n", n, (built - t0) / 1e9, (opened - built) / 1e9,
                (present - opened) / 1e3 / n, (absent - present) / 1e3 / n, files.size(),
                (rt.totalMemory() - rt.freeMemory()) / 1048576.0);
    }

    private static void add(MasterIndex index, int n, List<String> files) throws IOException {
        Map<BlobId, List<PackEntry>> batch = new LinkedHashMap<>();
        int inBatch = 0;
        for (int p = 0; p * PER_PACK < n; p++) {
            List<PackEntry> entries = new ArrayList<>();
            for (int i = p * PER_PACK; i < Math.min(n, (p + 1) * PER_PACK); i++) {
                BlobLocation l = location(i);
                entries.add(new PackEntry(l.type(), id(i), l.offset(), l.length(), l.rawLength(), l.compressed()));
            }
            batch.put(pack(p), entries);
            inBatch += entries.size();
            if (inBatch >= PER_INDEX_FILE) {
                files.add(addIndexed(index, files.size(), batch));
                batch = new LinkedHashMap<>();
                inBatch = 0;
            }
        }
        if (!batch.isEmpty()) {
            files.add(addIndexed(index, files.size(), batch));
        }
    }

    private static String addIndexed(MasterIndex index, int number, Map<BlobId, List<PackEntry>> batch) throws IOException {
        BlobId file = bytes(Long.MIN_VALUE + number);
        index.addIndexed(file, batch);
        return file.hex();
    }

    private static BlobId id(long i) {
        return bytes(i);
    }

    private static BlobId pack(int p) {
        return bytes(Long.MAX_VALUE - p);
    }

    /** 32 pseudo-random bytes from {@code seed}. */
    private static BlobId bytes(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] b = new byte[BlobId.LENGTH];
        for (int i = 0; i < b.length; i += 8) {
            long v = r.nextLong();
            for (int k = 0; k < 8; k++) {
                b[i + k] = (byte) (v >>> (8 * k));
            }
        }
        return BlobId.of(b);
    }

    private static BlobLocation location(int i) {
        SplittableRandom r = new SplittableRandom(31L * i + 7);
        return new BlobLocation(pack(i / PER_PACK), r.nextBoolean() ? BlobType.DATA : BlobType.TREE, (long) (i % PER_PACK) * 5000,
                1 + r.nextInt(1 << 22), r.nextInt(1 << 23), r.nextBoolean());
    }
}
