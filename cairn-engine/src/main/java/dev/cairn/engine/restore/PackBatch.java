package dev.cairn.engine.restore;

import java.util.ArrayList;
import java.util.List;

/**
 * Small files restored together, by pack rather than by file: the blobs all of them need are sorted by pack and offset
 * and read with few ranged reads (needed blobs of one pack, gaps up to {@link Tuning#maxGapBytes} included, up to
 * {@link Tuning#maxRunBytes} per read), queued on the workers so that several packs are read at once. A file of the
 * batch ends when the last of its blobs is written. Over HTTP, where a request costs about a millisecond whatever its
 * size, this turns one request per small file into one per few megabytes.
 */
final class PackBatch implements Runnable {
    private final RestoreRun run;
    private final List<Item> items = new ArrayList<>();
    private long bytes;

    PackBatch(RestoreRun run) {
        this.run = run;
    }

    /** Whether a file of {@code size} bytes is restored in a batch rather than on its own. */
    static boolean takes(Tuning tuning, long size) {
        return size <= tuning.batchedFileBytes();
    }

    /** Adds a file whose slot is taken and directory held; returns whether the batch is now full. */
    boolean add(Item f) {
        items.add(f);
        bytes += Math.max(0, f.node().size());
        return items.size() >= run.tuning().batchFiles() || bytes >= run.tuning().batchBytes();
    }

    boolean isEmpty() {
        return items.isEmpty();
    }

    /** On a worker: prepares each file, then reads the needed ranges (the first here, the others queued). */
    @Override
    public void run() {
        List<PackRange.Need> needs = new ArrayList<>();
        for (Item item : items) {
            FileRestore file = new FileRestore(run, item);
            if (file.prepare()) {
                collect(file, needs);
            }
        }
        needs.sort(PackRange.ORDER);
        List<List<PackRange.Need>> ranges = PackRange.cut(needs, run.tuning().maxRunBytes(), run.tuning().maxGapBytes());
        for (List<PackRange.Need> range : ranges.subList(Math.min(1, ranges.size()), ranges.size())) {
            run.execute(() -> PackRange.read(run, range, true));
        }
        if (!ranges.isEmpty()) {
            PackRange.read(run, ranges.getFirst(), true);
        }
    }

    /** Writes the file's cached blobs now and adds the others to {@code needs}. */
    private void collect(FileRestore file, List<PackRange.Need> needs) {
        Layout layout = file.layout();
        List<PackRange.Need> mine = new ArrayList<>();
        for (int i = 0; i < layout.count(); i++) {
            byte[] cached = run.cache().get(layout.ids()[i]);
            if (cached != null) {
                file.put(i, cached, cached.length);
            } else {
                mine.add(new PackRange.Need(layout.locations()[i], layout.ids()[i], file, i));
            }
        }
        file.expect(mine.size());
        needs.addAll(mine);
    }
}
