package dev.cairn.agent.mount;

import dev.cairn.engine.index.MasterIndex;
import dev.cairn.engine.repo.CorruptDataException;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes byte ranges of files: finds the first blob of the range by the file's {@link FileLayout} (cached per file), then
 * copies blob after blob from the {@link BlobCache}, asking it to read ahead as it goes. Thread-safe.
 */
final class ContentReader {
    /** Blobs to read ahead of the one being written. */
    private static final int READ_AHEAD = 2;

    private final java.util.function.Supplier<MasterIndex> index;
    private final BlobCache blobs;
    private final WeightedCache<String, FileLayout> layouts;

    /** @param index the repository's index in force (a refresh replaces it: {@link LiveCatalog}) */
    ContentReader(java.util.function.Supplier<MasterIndex> index, BlobCache blobs, long layoutCacheBytes) {
        this.index = index;
        this.blobs = blobs;
        this.layouts = new WeightedCache<>(layoutCacheBytes, FileLayout::weight);
    }

    /** The layout of {@code file}, from the cache or the index. */
    FileLayout layout(Resource.File file) throws IOException {
        FileLayout layout = layouts.get(file.key());
        if (layout == null) {
            layout = FileLayout.of(file.node(), index.get());
            layouts.put(file.key(), layout);
        }
        return layout;
    }

    /**
     * Writes {@code length} bytes of the file starting at {@code offset} to {@code out}.
     *
     * @throws CorruptDataException if a blob is damaged or not as long as the index says
     */
    void write(FileLayout layout, long offset, long length, OutputStream out) throws IOException {
        long end = offset + length;
        long pos = offset;
        for (int i = length == 0 ? layout.ids().length : layout.blobAt(offset); pos < end; i++) {
            for (int k = 1; k <= READ_AHEAD && i + k < layout.ids().length; k++) {
                blobs.prefetch(layout.ids()[i + k]);
            }
            byte[] plain = blobs.get(layout.ids()[i]);
            long start = layout.starts()[i];
            if (plain.length != layout.starts()[i + 1] - start) {
                throw new CorruptDataException("data blob " + layout.ids()[i] + " holds " + plain.length
                        + " bytes, the index says " + (layout.starts()[i + 1] - start));
            }
            int from = (int) (pos - start);
            int to = (int) Math.min(plain.length, end - start);
            out.write(plain, from, to - from);
            pos += to - from;
        }
    }
}
