package dev.cairn.engine.restore;

import dev.cairn.blob.BlobNotFoundException;
import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.index.BlobLocation;
import dev.cairn.engine.repo.CorruptDataException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One ranged read of a pack that serves several blob uses: the range runs from the first needed blob to the end of the
 * last, gaps of unneeded bytes included, and is streamed: each blob is read into the worker's {@link FetchBuffers} (one
 * blob at a time, so a range may be far larger than memory), opened once, even when several files (or places in one
 * file) use it, and handed to every use.
 */
final class PackRange {
    static final Comparator<Need> ORDER = Comparator.comparing((Need n) -> n.loc().pack())
            .thenComparingLong(n -> n.loc().offset());

    /** Blob {@code index} of {@code file}'s layout, found at {@code loc}. */
    record Need(BlobLocation loc, BlobId id, FileRestore file, int index) {
        long end() {
            return loc.offset() + loc.length();
        }
    }

    /** How often one range's read may break off and be resumed before its remaining blobs count as unreadable. */
    static final int RESUMES = 2;

    private PackRange() {
    }

    /**
     * Cuts needs sorted by {@link #ORDER} into ranges of one pack each, at most {@code maxBytes} long (or one blob) and
     * with no gap larger than {@code maxGap} between needed blobs.
     */
    static List<List<Need>> cut(List<Need> sorted, int maxBytes, int maxGap) {
        List<List<Need>> out = new ArrayList<>();
        List<Need> current = new ArrayList<>();
        for (Need n : sorted) {
            if (!current.isEmpty() && !fits(current, n, maxBytes, maxGap)) {
                out.add(current);
                current = new ArrayList<>();
            }
            current.add(n);
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    private static boolean fits(List<Need> range, Need n, int maxBytes, int maxGap) {
        Need first = range.getFirst();
        Need last = range.getLast();
        long end = Math.max(reach(range), n.end());
        return first.loc().pack().equals(n.loc().pack()) && n.loc().offset() - last.end() <= maxGap
                && end - first.loc().offset() <= maxBytes;
    }

    /** The end of the furthest blob of a range (uses of one blob share its end). */
    private static long reach(List<Need> range) {
        return range.getLast().end();
    }

    /**
     * Streams the range with one ranged read, blob by blob (skipping the gaps), and hands each blob to its uses as it
     * arrives; only one sealed blob is in memory. A read that breaks off is resumed from the blob it broke in (at most
     * {@value #RESUMES} times); a failed read or a damaged blob is reported to the files that needed it. With
     * {@code countUnits}, every use ends with {@link FileRestore#unitDone()}.
     */
    static void read(RestoreRun run, List<Need> range, boolean countUnits) {
        BlobId pack = range.getFirst().loc().pack();
        long end = reach(range);
        int[] next = {0};
        IOException readFailure = null;
        for (int attempt = 0; next[0] < range.size() && readFailure == null; attempt++) {
            long from = range.get(next[0]).loc().offset();
            try (InputStream in = run.repo().openPack(pack, from, end - from)) {
                stream(run, range, next, in, from, countUnits);
            } catch (IOException e) {
                if (attempt >= RESUMES || !resumable(e)) {
                    readFailure = e;
                }
            }
        }
        for (int i = next[0]; i < range.size(); i++) {
            deliver(run, range.get(i), readFailure, null, countUnits);
        }
    }

    /**
     * Reads and delivers the blobs of {@code range} from index {@code next[0]} on, {@code in} being positioned at
     * {@code from}; {@code next[0]} always holds the index after the last blob delivered, also when reading fails.
     */
    private static void stream(RestoreRun run, List<Need> range, int[] next, InputStream in, long from, boolean countUnits)
            throws IOException {
        FetchBuffers buffers = run.buffers();
        long pos = from;
        int i = next[0];
        while (i < range.size()) {
            Need n = range.get(i);
            in.skipNBytes(n.loc().offset() - pos);
            byte[] sealed = buffers.run(n.loc().length());
            int got = in.readNBytes(sealed, 0, n.loc().length());
            if (got != n.loc().length()) {
                throw new EOFException("pack " + pack(n) + " ends before the blob at " + n.loc().offset());
            }
            pos = n.end();
            CorruptDataException damage = open(run, n, sealed, 0, buffers);
            for (; i < range.size() && range.get(i).loc().equals(n.loc()); i++) {
                deliver(run, range.get(i), damage, buffers.open().plain(), countUnits);
                next[0] = i + 1;
            }
        }
    }

    private static BlobId pack(Need n) {
        return n.loc().pack();
    }

    /** Whether a read that failed this way may succeed from where it stopped (not a missing or short pack). */
    private static boolean resumable(IOException e) {
        return !(e instanceof BlobNotFoundException || e instanceof EOFException || e instanceof InterruptedIOException);
    }

    private static CorruptDataException open(RestoreRun run, Need n, byte[] sealed, int at, FetchBuffers buffers) {
        try {
            run.repo().openBlobTo(n.loc(), n.id(), sealed, at, buffers.open());
            run.cache().offer(n.id(), buffers.open().plain(), n.loc().rawLength());
            return null;
        } catch (CorruptDataException e) {
            return e;
        }
    }

    private static void deliver(RestoreRun run, Need n, IOException failure, byte[] plain, boolean countUnits) {
        try {
            if (failure != null) {
                n.file().damaged(failure);
            } else {
                n.file().put(n.index(), plain, n.loc().rawLength());
            }
        } finally {
            if (countUnits) {
                n.file().unitDone();
            }
        }
    }
}
