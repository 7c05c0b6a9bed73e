package dev.cairn.engine.prune;

import dev.cairn.blob.BlobInfo;
import dev.cairn.engine.id.BlobId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a prune will do, decided from the packs' usage: packs no used blob is in are deleted; stored packs no index lists
 * (leftovers of interrupted writers) are deleted; of the packs partly unused, the most unused are repacked until the unused
 * bytes left are within {@code --max-unused} and the bytes copied within {@code --max-repack-size}. The heap holds a
 * decision per pack, never per blob.
 */
public final class PrunePlan {
    /** The numbers of a plan, for the listener and the CLI. Bytes are stored (sealed) bytes. */
    public record Summary(int snapshots, int packs, int packsToDelete, int packsToRepack, int unindexedPacks, long usedBytes,
            long unusedBytes, long unusedAfter, long bytesToRepack, long bytesFreed, int indexFiles) {
    }

    final Set<BlobId> delete = new HashSet<>();
    final Set<BlobId> repack = new HashSet<>();
    final Set<BlobId> unindexed = new HashSet<>();
    final List<String> oldIndexFiles;
    private final Summary summary;

    private PrunePlan(List<String> oldIndexFiles, Summary summary, Set<BlobId> delete, Set<BlobId> repack, Set<BlobId> unindexed) {
        this.oldIndexFiles = List.copyOf(oldIndexFiles);
        this.summary = summary;
        this.delete.addAll(delete);
        this.repack.addAll(repack);
        this.unindexed.addAll(unindexed);
    }

    Summary summary() {
        return summary;
    }

    /** A pack that is partly used. */
    private record Candidate(BlobId id, long used, long unused) {
        double unusedShare() {
            return (double) unused / (used + unused);
        }
    }

    /**
     * Decides.
     *
     * @param stored the packs in the store with their sizes
     * @throws UsedBlobs.MissingBlobException if a pack holding used blobs is not in the store
     */
    static PrunePlan decide(PackContents contents, List<BlobInfo> stored, List<String> indexFiles, int snapshots, PruneOptions options)
            throws IOException {
        Map<BlobId, Long> sizes = new HashMap<>();
        stored.forEach(i -> sizes.put(BlobId.parse(i.name().id()), i.size()));
        Set<BlobId> delete = new HashSet<>();
        Set<BlobId> indexed = new HashSet<>();
        List<Candidate> candidates = new ArrayList<>();
        long[] used = {0};
        long[] freed = {0};
        contents.forEach(p -> {
            indexed.add(p.id());
            boolean present = sizes.containsKey(p.id());
            if (!p.used().isEmpty() && !present) {
                throw new UsedBlobs.MissingBlobException("pack " + p.id().hex().substring(0, 8) + " holds blobs snapshots need "
                        + "but is not in the repository; nothing was deleted. Run 'cairn check' before pruning");
            }
            used[0] += p.usedBytes();
            if (p.used().isEmpty()) {
                delete.add(p.id());
                freed[0] += sizes.getOrDefault(p.id(), 0L);
            } else if (p.unusedBytes() > 0) {
                candidates.add(new Candidate(p.id(), p.usedBytes(), p.unusedBytes()));
            }
        });
        Set<BlobId> unindexed = new HashSet<>();
        for (Map.Entry<BlobId, Long> s : sizes.entrySet()) {
            if (!indexed.contains(s.getKey())) {
                unindexed.add(s.getKey());
                freed[0] += s.getValue();
            }
        }
        long unused = candidates.stream().mapToLong(Candidate::unused).sum();
        long unusedBefore = unused + freed[0];
        long allowed = options.maxUnused().allowedBeside(used[0]);
        candidates.sort(Comparator.comparingDouble(Candidate::unusedShare).reversed().thenComparing(c -> c.id().hex()));
        Set<BlobId> repack = new HashSet<>();
        long toRepack = 0;
        for (Candidate c : candidates) {
            if (unused <= allowed) {
                break;
            }
            if (toRepack + c.used() > options.maxRepackSize().bytes()) {
                continue;
            }
            repack.add(c.id());
            toRepack += c.used();
            unused -= c.unused();
            freed[0] += c.unused();
        }
        Summary summary = new Summary(snapshots, sizes.size(), delete.size(), repack.size(), unindexed.size(), used[0],
                unusedBefore, unused, toRepack, freed[0], indexFiles.size());
        return new PrunePlan(indexFiles, summary, delete, repack, unindexed);
    }

    /** Whether the plan changes nothing in the repository. */
    boolean nothingToDo() {
        return delete.isEmpty() && repack.isEmpty() && unindexed.isEmpty();
    }
}
