package dev.cairn.export.format;

import dev.cairn.export.bundle.Entries;
import dev.cairn.workspace.snapshot.Snapshot;

/** One open format of the bundle: writes its files for a snapshot, streaming rows (never a whole table in memory). */
public interface Format {
    /** The format's stable name, also the bundle directory of its files ({@code csv}, {@code jsonl}...). */
    String name();

    /** Writes this format's files of {@code snapshot} into {@code out}. */
    void write(Snapshot snapshot, Entries out) throws Exception;
}
