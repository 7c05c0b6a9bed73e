package dev.cairn.engine.index;

import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.pack.PackEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What index files say each pack holds, grouped by pack, in bounded memory (an external sort in a private temporary
 * directory): add every index file's packs with the file's number, then read the packs in id order, each with the entries of
 * the lowest-numbered file that lists it, in pack order. For {@code check}, which compares every pack with the index files
 * as they are now. Records are {@code pack id ‖ file number ‖ offset (8 bytes) ‖ entry}, sorted by their first 44 bytes.
 * Not thread-safe; {@link #close()} deletes the temporary files.
 */
public final class PackListing implements AutoCloseable {
    private static final int HEAD = BlobId.LENGTH + 4 + 8;
    private static final int RECORD = HEAD + RunRecord.SIZE;
    private final Path dir;
    private final RecordSorter sorter;
    private final byte[] record = new byte[RECORD];

    /** @throws IOException if the temporary directory cannot be created */
    public PackListing() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Files.createDirectories(tmp);
        this.dir = Files.createTempDirectory(tmp, "cairn-packs-");
        this.sorter = new RecordSorter(RECORD, HEAD, RunBuilder.MEMORY_RECORDS, dir);
    }

    /** Receives one pack and the entries its first index file lists. */
    @FunctionalInterface
    public interface Visitor {
        void pack(BlobId pack, List<PackEntry> entries) throws IOException;
    }

    /** Adds what index file number {@code source} says {@code pack} holds. */
    public void add(int source, BlobId pack, List<PackEntry> entries) throws IOException {
        pack.copyTo(record, 0);
        RunRecord.putInt(record, BlobId.LENGTH, source);
        for (PackEntry e : entries) {
            RunRecord.putInt(record, BlobId.LENGTH + 4, (int) (e.offset() >>> 32));
            RunRecord.putInt(record, BlobId.LENGTH + 8, (int) e.offset());
            RunRecord.write(record, HEAD, e, 0);
            sorter.add(record, 0);
        }
    }

    /** Reads the packs in id order; after every {@link #add}, as often as needed. */
    public void forEachPack(Visitor visitor) throws IOException {
        forEachPackWithSources((pack, entries, sources) -> {
            List<PackEntry> first = new ArrayList<>();
            for (int i = 0; i < entries.size() && sources.get(i).equals(sources.get(0)); i++) {
                first.add(entries.get(i));
            }
            visitor.pack(pack, first);
        });
    }

    /** Receives one pack and what every source lists for it: entries by source, then offset, with their sources. */
    @FunctionalInterface
    public interface SourcedVisitor {
        void pack(BlobId pack, List<PackEntry> entries, List<Integer> sources) throws IOException;
    }

    /** Reads the packs in id order with the entries of every source (not only the lowest); as often as needed. */
    public void forEachPackWithSources(SourcedVisitor visitor) throws IOException {
        try (RecordSorter.Cursor c = sorter.sorted()) {
            byte[] r = new byte[RECORD];
            byte[] current = new byte[BlobId.LENGTH];
            boolean more = c.next(r, 0);
            while (more) {
                BlobId pack = BlobId.of(r, 0);
                pack.copyTo(current, 0);
                List<PackEntry> entries = new ArrayList<>();
                List<Integer> sources = new ArrayList<>();
                while (more && Arrays.equals(r, 0, BlobId.LENGTH, current, 0, BlobId.LENGTH)) {
                    entries.add(RunRecord.entry(r, HEAD));
                    sources.add(RunRecord.getInt(r, BlobId.LENGTH));
                    more = c.next(r, 0);
                }
                visitor.pack(pack, entries, sources);
            }
        }
    }

    @Override
    public void close() throws IOException {
        sorter.close();
        Files.deleteIfExists(dir);
    }
}
