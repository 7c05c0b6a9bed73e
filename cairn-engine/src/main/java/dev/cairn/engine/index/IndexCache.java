package dev.cairn.engine.index;

import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.pack.PackEntry;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Loads a repository's {@link MasterIndex} through its local index cache (spec §Local index cache): a directory of run files,
 * each standing for a set of index files. Opening picks runs that stand only for index files the repository lists (largest
 * first, no index file twice), decodes the index files no picked run stands for into one new run (kept for the next
 * process), and merges if too many runs result. The cache is never the truth: a run that fails its checksum is deleted and
 * rebuilt, a run for index files the repository no longer lists is ignored, and everything works with no cache at all
 * (a private temporary directory, rebuilt on every open). Several processes may share one cache: runs are written under a
 * temporary name and renamed into place, and are never modified. Stateless.
 */
public final class IndexCache {
    private IndexCache() {
    }

    /** Reads index files for the cache. */
    @FunctionalInterface
    public interface Source {
        /**
         * Decodes index file {@code id} into {@code visitor}; returns false (having recorded why) if it is damaged.
         *
         * @throws IOException if the storage fails (the open fails)
         */
        boolean read(String id, IndexDocuments.Visitor visitor) throws IOException;
    }

    /**
     * The index of the index files {@code indexIds}.
     *
     * @param cacheDir the repository's cache directory, or null for none (a private temporary directory)
     * @throws IOException if the storage or the cache directory fails
     */
    public static MasterIndex load(Path cacheDir, List<String> indexIds, Source source) throws IOException {
        RunDirectory dir = cacheDir == null ? RunDirectory.temporary() : RunDirectory.cache(cacheDir);
        Set<BlobId> listed = new HashSet<>();
        for (String id : indexIds) {
            listed.add(BlobId.parse(id));
        }
        List<IndexRun> runs = new ArrayList<>();
        try {
            Set<BlobId> covered = openRuns(dir, listed, runs);
            List<String> missing = new ArrayList<>();
            for (String id : new TreeSet<>(indexIds)) {
                if (!covered.contains(BlobId.parse(id))) {
                    missing.add(id);
                }
            }
            if (!missing.isEmpty()) {
                IndexRun built = build(dir, missing, source);
                if (built != null) {
                    runs.add(built);
                }
            }
        } catch (IOException | RuntimeException e) {
            for (IndexRun r : runs) {
                r.close();
            }
            dir.close();
            throw e;
        }
        runs.sort(Comparator.comparingLong(IndexRun::count).reversed());
        MasterIndex index = new MasterIndex(dir, runs);
        index.mergeNow();
        return index;
    }

    /** Opens the runs to use; returns the index files they stand for. */
    private static Set<BlobId> openRuns(RunDirectory dir, Set<BlobId> listed, List<IndexRun> out) throws IOException {
        List<RunHeader> candidates = new ArrayList<>();
        if (dir.shared()) {
            for (Path p : dir.runs()) {
                RunHeader h = RunHeader.read(p);
                if (h != null && !h.covered().isEmpty() && listed.containsAll(h.covered())) {
                    candidates.add(h);
                }
            }
        }
        candidates.sort(Comparator.comparingInt((RunHeader h) -> h.covered().size()).reversed());
        Set<BlobId> covered = new HashSet<>();
        for (RunHeader h : candidates) {
            if (h.covered().stream().anyMatch(covered::contains)) {
                continue;
            }
            IndexRun run = open(dir, h.file());
            if (run != null) {
                out.add(run);
                covered.addAll(run.covered());
            }
        }
        return covered;
    }

    /** Opens a run; null if it vanished (merged by another process) or is damaged (then it is deleted). */
    private static IndexRun open(RunDirectory dir, Path file) throws IOException {
        try {
            return IndexRun.open(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IndexRun.DamagedRunException e) {
            dir.delete(file);
            return null;
        }
    }

    /** Decodes index files into one run standing for those that decoded; null if none did. */
    private static IndexRun build(RunDirectory dir, List<String> ids, Source source) throws IOException {
        List<BlobId> covered = new ArrayList<>();
        try (RunBuilder builder = new RunBuilder(dir.path())) {
            for (String id : ids) {
                Map<BlobId, List<PackEntry>> document = new LinkedHashMap<>();
                if (source.read(id, (pack, entries) -> document.putIfAbsent(pack, entries))) {
                    for (Map.Entry<BlobId, List<PackEntry>> p : document.entrySet()) {
                        builder.addPack(p.getKey(), p.getValue());
                    }
                    covered.add(BlobId.parse(id));
                }
            }
            if (covered.isEmpty()) {
                return null;
            }
            covered.sort(null);
            Path target = dir.target(covered);
            builder.write(target, covered);
            return IndexRun.open(target);
        }
    }
}
