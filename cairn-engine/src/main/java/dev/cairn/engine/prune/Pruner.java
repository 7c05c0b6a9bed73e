package dev.cairn.engine.prune;

import dev.cairn.blob.BlobKind;
import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.index.MasterIndex;
import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.repo.RepositoryLock;
import dev.cairn.engine.snapshot.SnapshotRef;
import dev.cairn.engine.snapshot.Snapshots;
import java.io.IOException;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes data no snapshot needs (spec §Prune), under an exclusive lock, in the spec's order so that a kill at any point
 * leaves a repository that checks and that the next prune finishes:
 * <ol>
 *   <li>{@link Phase#PLAN}: re-read the index (other writers may have added files before we held the lock), mark the blobs
 *       the snapshots use, sort the index by pack, decide ({@link PrunePlan});</li>
 *   <li>{@link Phase#REPACK} (a): copy the used blobs of the packs to repack into new packs, and index them;</li>
 *   <li>{@link Phase#INDEX} (b): write new index files listing every pack that stays;</li>
 *   <li>{@link Phase#DELETE_INDEX} (c): delete the old index files (all those the plan read);</li>
 *   <li>{@link Phase#DELETE_PACKS} (d): delete the packs no index lists any more (unused, repacked, leftovers);</li>
 *   <li>{@link Phase#CACHE} (e): delete the local index cache's runs standing for deleted index files.</li>
 * </ol>
 * Memory: a bit per index entry, a decision per pack, one pack's entries (and, repacking, its bytes) at a time; the index
 * is sorted by pack on disk. Not thread-safe.
 */
public final class Pruner {
    /** The steps, in order. */
    public enum Phase { PLAN, REPACK, INDEX, DELETE_INDEX, DELETE_PACKS, CACHE }

    /** What was planned, and what was done (all zero in a dry run). */
    public record Result(PrunePlan.Summary plan, long bytesRepacked, int indexFilesWritten, int indexFilesDeleted,
            int packsDeleted, int cacheRunsDropped) {
    }

    private final Repository repo;
    private final PruneListener listener;

    public Pruner(Repository repo, PruneListener listener) {
        this.repo = repo;
        this.listener = listener == null ? PruneListener.NONE : listener;
    }

    /**
     * Prunes.
     *
     * @throws IOException if the storage fails, or a snapshot needs a blob the index does not have (nothing is deleted then;
     *                     a prune stopped part way is finished by the next one)
     */
    public Result run(PruneOptions options) throws IOException {
        try (RepositoryLock lock = options.lockWait().acquire(repo, true, listener::lockWaiting, listener::deadLockRemoved)) {
            listener.phase(Phase.PLAN);
            repo.refreshIndex(true);
            List<String> indexFiles = repo.list(BlobKind.INDEX);
            List<SnapshotRef> snapshots = Snapshots.list(repo);
            MasterIndex.Ordinals ordinals = repo.index().ordinals();
            BitSet used = UsedBlobs.mark(repo, ordinals, snapshots, listener);
            try (PackContents contents = PackContents.of(ordinals, used)) {
                PrunePlan plan = PrunePlan.decide(contents, repo.objects(BlobKind.PACK), indexFiles, snapshots.size(), options);
                listener.planned(plan.summary());
                if (options.dryRun() || plan.nothingToDo()) {
                    return new Result(plan.summary(), 0, 0, 0, 0, 0);
                }
                return execute(plan, contents);
            }
        }
    }

    private Result execute(PrunePlan plan, PackContents contents) throws IOException {
        listener.phase(Phase.REPACK);
        long repacked = new Repacker(repo, listener).run(contents, plan.repack);
        listener.phase(Phase.INDEX);
        Set<BlobId> gone = new HashSet<>(plan.delete);
        gone.addAll(plan.repack);
        int written = new IndexRewriter(repo).run(contents, gone, plan.oldIndexFiles);
        listener.phase(Phase.DELETE_INDEX);
        int indexDeleted = delete(BlobKind.INDEX, plan.oldIndexFiles);
        listener.phase(Phase.DELETE_PACKS);
        gone.addAll(plan.unindexed);
        int packsDeleted = delete(BlobKind.PACK, gone.stream().map(BlobId::hex).sorted().toList());
        listener.phase(Phase.CACHE);
        Set<BlobId> deletedIndex = new HashSet<>();
        plan.oldIndexFiles.forEach(id -> deletedIndex.add(BlobId.parse(id)));
        int dropped = repo.index().dropCachedRuns(deletedIndex);
        return new Result(plan.summary(), repacked, written, indexDeleted, packsDeleted, dropped);
    }

    /** Deletes objects, counting those that were there (a prune that was killed may have deleted some already). */
    private int delete(BlobKind kind, List<String> ids) throws IOException {
        int deleted = 0;
        for (String id : ids) {
            if (repo.deleteIfPresent(kind, id)) { // else already gone
                deleted++;
            }
            listener.progress(deleted, ids.size());
        }
        return deleted;
    }
}
