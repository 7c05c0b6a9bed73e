package dev.cairn.engine.restore;

import dev.cairn.engine.index.BlobLocation;
import java.util.ArrayList;
import java.util.List;

/**
 * The content of one file restored on its own: its blob list is cut into segments of about {@link Tuning#segmentBytes},
 * each written by its own task; a segment serves cached duplicates from memory and fetches each run of back-to-back blobs
 * of one pack with one ranged read.
 */
final class Segments {
    private final RestoreRun run;
    private final FileRestore file;
    private final Layout layout;

    Segments(RestoreRun run, FileRestore file) {
        this.run = run;
        this.file = file;
        this.layout = file.layout();
    }

    /** Runs the first segment on this thread and queues the others; each ends with {@link FileRestore#unitDone()}. */
    void start() {
        List<int[]> segments = segments();
        file.expectSegments(segments.size());
        for (int[] s : segments.subList(1, segments.size())) {
            run.execute(() -> segment(s[0], s[1]));
        }
        segment(segments.get(0)[0], segments.get(0)[1]);
    }

    /** Blob index ranges {@code [from, to)} of about {@link Tuning#segmentBytes} each; at least one, maybe empty. */
    private List<int[]> segments() {
        List<int[]> out = new ArrayList<>();
        int from = 0;
        long bytes = 0;
        for (int i = 0; i < layout.count(); i++) {
            bytes += layout.locations()[i].rawLength();
            if (bytes >= run.tuning().segmentBytes() && i + 1 < layout.count()) {
                out.add(new int[] {from, i + 1});
                from = i + 1;
                bytes = 0;
            }
        }
        out.add(new int[] {from, layout.count()});
        return out;
    }

    private void segment(int from, int to) {
        try {
            int i = from;
            while (i < to && !file.stopped()) {
                byte[] cached = run.cache().get(layout.ids()[i]);
                if (cached != null) {
                    file.put(i, cached, cached.length);
                    i++;
                } else {
                    int end = runEnd(i, to);
                    fetch(i, end);
                    i = end;
                }
            }
        } catch (RuntimeException e) {
            file.stop(FileRestore.asIo(e));
        } finally {
            file.unitDone();
        }
    }

    /** End of the run starting at {@code start}: blobs back to back in one pack, not cached, within the run size limit. */
    private int runEnd(int start, int to) {
        BlobLocation[] locs = layout.locations();
        long bytes = locs[start].length();
        int end = start + 1;
        while (end < to && adjacent(locs[end - 1], locs[end]) && bytes + locs[end].length() <= run.tuning().maxRunBytes()
                && !run.cache().contains(layout.ids()[end])) {
            bytes += locs[end].length();
            end++;
        }
        return end;
    }

    private static boolean adjacent(BlobLocation a, BlobLocation b) {
        return a.pack().equals(b.pack()) && a.offset() + a.length() == b.offset();
    }

    /** Reads blobs {@code [start, end)} with one ranged read and writes each; a damaged blob is recorded and skipped. */
    private void fetch(int start, int end) {
        List<PackRange.Need> needs = new ArrayList<>(end - start);
        for (int i = start; i < end; i++) {
            needs.add(new PackRange.Need(layout.locations()[i], layout.ids()[i], file, i));
        }
        PackRange.read(run, needs, false);
    }
}
