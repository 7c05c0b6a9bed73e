package dev.cairn.engine.restore;

import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.index.BlobLocation;
import dev.cairn.engine.repo.CorruptDataException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One ranged read of a pack that serves several blob uses: the range runs from the first needed blob to the end of the
 * last, gaps of unneeded bytes included. Each blob is opened once, even when several files (or places in one file) use
 * it, and handed to every use. The sealed bytes live in the worker's bounded {@link FetchBuffers}.
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
     * Reads the range with one ranged read and hands each blob to its uses; a failed read or a damaged blob is reported
     * to the files that needed it. With {@code countUnits}, every use ends with {@link FileRestore#unitDone()}.
     */
    static void read(RestoreRun run, List<Need> range, boolean countUnits) {
        Need first = range.getFirst();
        long start = first.loc().offset();
        int length = (int) (reach(range) - start);
        FetchBuffers buffers = run.buffers();
        byte[] sealed = buffers.run(length);
        IOException readFailure = null;
        try {
            run.repo().readPack(first.loc().pack(), start, sealed, 0, length);
        } catch (IOException e) {
            readFailure = e;
        }
        BlobLocation opened = null;
        CorruptDataException damage = null;
        for (Need n : range) {
            if (readFailure == null && !n.loc().equals(opened)) {
                damage = open(run, n, sealed, (int) (n.loc().offset() - start), buffers);
                opened = n.loc();
            }
            deliver(run, n, readFailure != null ? readFailure : damage, buffers.open().plain(), countUnits);
        }
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
