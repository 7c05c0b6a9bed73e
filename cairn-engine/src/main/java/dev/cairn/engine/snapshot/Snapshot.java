package dev.cairn.engine.snapshot;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot document (spec §Snapshots): the root tree of one backup and what was backed up, by whom, when. Stored sealed
 * under {@code snapshots/<sha256>}. {@code paths} are absolute, as given to backup; {@code partial} is true when some items
 * could not be read.
 */
public record Snapshot(int version, Instant time, String tree, List<String> paths, String hostname, String username,
        List<String> tags, String parent, String programVersion, boolean partial, SnapshotSummary summary) {
    public static final int CURRENT_VERSION = 1;

    public Snapshot {
        paths = paths == null ? List.of() : List.copyOf(paths);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
