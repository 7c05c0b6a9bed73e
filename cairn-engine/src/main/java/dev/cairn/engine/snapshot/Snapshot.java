package dev.cairn.engine.snapshot;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot document (spec §Snapshots): the root tree of one backup and what was backed up, by whom, when. Stored sealed
 * under {@code snapshots/<sha256>}. {@code paths} are absolute, as given to backup; {@code partial} is true when some items
 * could not be read. {@code original} is null for a snapshot a backup wrote; a snapshot rewritten from another one
 * ({@code tag}, {@code repair snapshots}) names the id of the first snapshot of that line, kept through later rewrites.
 */
public record Snapshot(int version, Instant time, String tree, List<String> paths, String hostname, String username,
        List<String> tags, String parent, String programVersion, boolean partial, SnapshotSummary summary, String original) {
    public static final int CURRENT_VERSION = 1;

    public Snapshot {
        paths = paths == null ? List.of() : List.copyOf(paths);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** A snapshot no other one was rewritten into ({@code original} null). */
    public Snapshot(int version, Instant time, String tree, List<String> paths, String hostname, String username,
            List<String> tags, String parent, String programVersion, boolean partial, SnapshotSummary summary) {
        this(version, time, tree, paths, hostname, username, tags, parent, programVersion, partial, summary, null);
    }

    /**
     * This snapshot rewritten with another root tree and tags: everything else kept, {@code original} set to
     * {@code ownId} (this snapshot's id) unless this one already names an original.
     */
    public Snapshot rewritten(String ownId, String newTree, List<String> newTags) {
        return new Snapshot(version, time, newTree, paths, hostname, username, newTags, parent, programVersion, partial, summary,
                original != null ? original : ownId);
    }
}
