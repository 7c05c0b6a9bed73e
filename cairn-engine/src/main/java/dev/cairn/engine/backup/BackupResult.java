package dev.cairn.engine.backup;

import dev.cairn.engine.snapshot.Snapshot;

/** The stored snapshot and its id. {@code snapshot().partial()} tells whether items were left out. */
public record BackupResult(String snapshotId, Snapshot snapshot) {
}
