package dev.cairn.engine.backup;

import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.snapshot.SnapshotRef;
import dev.cairn.engine.snapshot.Snapshots;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedSet;

/** Picks the snapshot an incremental backup compares against: explicit, or the latest with the same host and paths. */
final class ParentFinder {
    private ParentFinder() {
    }

    /** The chosen parent; both fields null when there is none. */
    record Parent(String id, String tree) {
    }

    static Parent find(Repository repo, ArchiverOptions options, SortedSet<Path> sources) throws IOException {
        if ("".equals(options.parent())) {
            return new Parent(null, null);
        }
        if (options.parent() != null) {
            SnapshotRef ref = Snapshots.resolve(repo, options.parent(), Snapshots.ALL);
            return new Parent(ref.id(), ref.snapshot().tree());
        }
        String host = options.hostOr(repo.environment().hostname());
        List<String> paths = sources.stream().map(Path::toString).toList();
        List<SnapshotRef> candidates = Snapshots.list(repo).stream()
                .filter(r -> host.equals(r.snapshot().hostname()) && paths.equals(r.snapshot().paths())).toList();
        if (candidates.isEmpty()) {
            return new Parent(null, null);
        }
        SnapshotRef latest = candidates.get(candidates.size() - 1);
        return new Parent(latest.id(), latest.snapshot().tree());
    }
}
