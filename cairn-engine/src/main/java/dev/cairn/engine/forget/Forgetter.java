package dev.cairn.engine.forget;

import dev.cairn.blob.BlobKind;
import dev.cairn.engine.repo.LockWait;
import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.repo.RepositoryLock;
import dev.cairn.engine.snapshot.Snapshot;
import dev.cairn.engine.snapshot.SnapshotRef;
import dev.cairn.engine.snapshot.Snapshots;
import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code forget}: applies a {@link RetentionPolicy} to each group of the snapshots {@code filter} selects and deletes the
 * snapshot objects of those it removes (only those: their data goes with a later prune). Takes an exclusive lock, as restic
 * does. Refuses an empty policy (it would remove everything) and, like restic, a policy that keeps nothing of a group.
 */
public final class Forgetter {
    private final Repository repo;
    private final ForgetListener listener;

    /**
     * @param policy   the rules; must not be empty
     * @param groupBy  how snapshots are grouped ({@link SnapshotGroups#DEFAULT})
     * @param filter   which snapshots are considered at all (others are kept untouched)
     * @param zone     the time zone whose hours, days, weeks, months and years the buckets count
     * @param dryRun   decide and report, delete nothing
     */
    public record Options(RetentionPolicy policy, Set<SnapshotGroups.By> groupBy, Predicate<Snapshot> filter, ZoneId zone,
            boolean dryRun, LockWait lockWait) {
    }

    /** What was decided per group, and how many snapshots were deleted. */
    public record Result(Map<SnapshotGroups.Key, SnapshotPolicy.Outcome> groups, int removed) {
    }

    public Forgetter(Repository repo, ForgetListener listener) {
        this.repo = repo;
        this.listener = listener == null ? ForgetListener.NONE : listener;
    }

    /**
     * Decides every group, then deletes.
     *
     * @throws IllegalArgumentException if the policy is empty, or keeps nothing of some group (nothing is deleted then)
     */
    public Result run(Options options) throws IOException {
        if (options.policy().isEmpty()) {
            throw new IllegalArgumentException("no policy was given, so no snapshot is removed: give at least one --keep-* "
                    + "option (e.g. --keep-daily 7)");
        }
        try (RepositoryLock lock = options.lockWait().acquire(repo, true, listener::lockWaiting, listener::deadLockRemoved)) {
            List<SnapshotRef> selected = Snapshots.list(repo).stream().filter(r -> options.filter().test(r.snapshot())).toList();
            Map<SnapshotGroups.Key, List<SnapshotRef>> groups = SnapshotGroups.group(selected, options.groupBy());
            Map<SnapshotGroups.Key, SnapshotPolicy.Outcome> outcomes = new java.util.LinkedHashMap<>();
            for (Map.Entry<SnapshotGroups.Key, List<SnapshotRef>> g : groups.entrySet()) {
                SnapshotPolicy.Outcome o = SnapshotPolicy.apply(g.getValue(), options.policy(), options.zone(),
                        repo.environment().clock().instant());
                if (o.keep().isEmpty()) {
                    throw new IllegalArgumentException("refusing to delete the last snapshot of group " + g.getKey()
                            + ": the policy keeps none of them; change the --keep-* options");
                }
                outcomes.put(g.getKey(), o);
                listener.group(g.getKey(), o);
            }
            int removed = options.dryRun() ? 0 : delete(outcomes);
            return new Result(outcomes, removed);
        }
    }

    private int delete(Map<SnapshotGroups.Key, SnapshotPolicy.Outcome> outcomes) throws IOException {
        List<String> ids = new ArrayList<>();
        outcomes.values().forEach(o -> o.remove().forEach(r -> ids.add(r.id())));
        int removed = 0;
        for (String id : ids) {
            if (repo.deleteIfPresent(BlobKind.SNAPSHOT, id)) { // else removed by someone else meanwhile
                removed++;
                listener.removed(id);
            }
        }
        return removed;
    }
}
