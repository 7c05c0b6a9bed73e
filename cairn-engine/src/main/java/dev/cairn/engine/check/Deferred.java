package dev.cairn.engine.check;

import dev.cairn.engine.id.BlobId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Findings of one phase held back until the phase ends, so that the snapshots each error affects are worked out for all of
 * them in one walk ({@link SnapshotUsage#affected(List)}) and not one walk per finding. Emitted in the order found. Holds
 * only findings (and the blob ids of their damage), so it grows with the damage, not with the repository. Not thread-safe.
 */
final class Deferred {
    private final List<Item> items = new ArrayList<>();

    private record Item(Severity severity, String object, String message, Collection<BlobId> blobs) {
    }

    /** An ERROR whose affected snapshots are those that need any of {@code blobs}. */
    void error(String object, String message, Collection<BlobId> blobs) {
        items.add(new Item(Severity.ERROR, object, message, blobs));
    }

    void warning(String object, String message) {
        items.add(new Item(Severity.WARNING, object, message, List.of()));
    }

    void info(String object, String message) {
        items.add(new Item(Severity.INFO, object, message, List.of()));
    }

    /** Reports everything held, in order, and forgets it. */
    void flush(Report report, SnapshotUsage usage) throws IOException {
        List<Collection<BlobId>> sets = new ArrayList<>();
        for (Item i : items) {
            sets.add(i.blobs());
        }
        List<List<String>> affected = usage.affected(sets);
        for (int n = 0; n < items.size(); n++) {
            Item i = items.get(n);
            switch (i.severity()) {
                case ERROR -> report.error(i.object(), i.message(), affected.get(n));
                case WARNING -> report.warning(i.object(), i.message());
                default -> report.info(i.object(), i.message());
            }
        }
        items.clear();
    }
}
