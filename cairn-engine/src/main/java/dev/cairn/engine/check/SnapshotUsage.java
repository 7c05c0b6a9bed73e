package dev.cairn.engine.check;

import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.snapshot.SnapshotRef;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which blobs (trees and data) each readable snapshot needs, so a finding about a damaged pack, tree or blob can name the
 * snapshots it affects.
 *
 * <p>Memory: one set of blob ids per snapshot. That is fine for now (tens of snapshots of up to a few million blobs);
 * for larger repositories this should become a reverse tree graph walked up from the few problem blobs instead.
 */
final class SnapshotUsage {
    private final List<SnapshotRef> snapshots;
    private final Map<String, Set<BlobId>> blobsBySnapshot;

    /** {@code snapshots} oldest first; {@code blobsBySnapshot} keyed by full snapshot id. */
    SnapshotUsage(List<SnapshotRef> snapshots, Map<String, Set<BlobId>> blobsBySnapshot) {
        this.snapshots = List.copyOf(snapshots);
        this.blobsBySnapshot = blobsBySnapshot;
    }

    /** Short ids of the snapshots that need any of {@code blobs}, oldest first. */
    List<String> affected(Collection<BlobId> blobs) {
        return snapshots.stream().filter(s -> needsAny(s.id(), blobs)).map(SnapshotRef::shortId).toList();
    }

    /** Short ids of the snapshots that need {@code blob}, oldest first. */
    List<String> affected(BlobId blob) {
        return affected(List.of(blob));
    }

    private boolean needsAny(String snapshotId, Collection<BlobId> blobs) {
        Set<BlobId> needed = blobsBySnapshot.getOrDefault(snapshotId, Set.of());
        return blobs.stream().anyMatch(needed::contains);
    }
}
