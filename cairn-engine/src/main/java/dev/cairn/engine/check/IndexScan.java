package dev.cairn.engine.check;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobNotFoundException;
import dev.cairn.engine.format.FormatException;
import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.index.BlobLocation;
import dev.cairn.engine.index.IndexCache;
import dev.cairn.engine.index.IndexDocuments;
import dev.cairn.engine.index.MasterIndex;
import dev.cairn.engine.index.PackListing;
import dev.cairn.engine.pack.PackEntry;
import dev.cairn.engine.repo.CorruptDataException;
import dev.cairn.engine.repo.Repository;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The index as check sees it: every index file re-read and decoded here, independently of what the repository loaded when
 * it was opened (which may have patched over damaged index files with pack headers, and which may come from the local
 * cache). Holds, on disk in temporary files, a fresh index of those files (blob → location, numbered for bitsets) and their
 * packs grouped by pack (when two index files list the same pack, the first one read wins); in the heap only the ids of
 * the listed packs. Close it to delete the temporary files.
 */
final class IndexScan implements AutoCloseable {
    private final MasterIndex index;
    private final PackListing packs;
    private final Set<BlobId> listedPacks;
    private final boolean damage;
    private final MasterIndex.Ordinals ordinals;

    private IndexScan(MasterIndex index, PackListing packs, Set<BlobId> listedPacks, boolean damage) throws IOException {
        this.index = index;
        this.packs = packs;
        this.listedPacks = listedPacks;
        this.damage = damage;
        this.ordinals = index.ordinals();
    }

    /** Reads every index file; each one that cannot be read becomes an ERROR. */
    static IndexScan read(Repository repo, Report report) throws IOException {
        Map<String, String> atOpen = problemsAtOpen(repo);
        List<String> ids = repo.list(BlobKind.INDEX).stream().sorted().toList();
        PackListing packs = new PackListing();
        Set<BlobId> listed = new HashSet<>();
        boolean[] damage = {false};
        Map<String, Integer> numbers = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            numbers.put(ids.get(i), i);
        }
        try {
            MasterIndex index = IndexCache.load(null, ids, (id, visitor) -> {
                int number = numbers.get(id);
                report.progress("index", number, ids.size());
                Map<BlobId, List<PackEntry>> document = readOne(repo, id, atOpen.get(id), report, damage);
                if (document == null) {
                    return false;
                }
                for (Map.Entry<BlobId, List<PackEntry>> p : document.entrySet()) {
                    packs.add(number, p.getKey(), p.getValue());
                    listed.add(p.getKey());
                    visitor.pack(p.getKey(), p.getValue());
                }
                return true;
            });
            return new IndexScan(index, packs, listed, damage[0]);
        } catch (IOException | RuntimeException e) {
            packs.close();
            throw e;
        }
    }

    /** The packs of one index file, or null if it is damaged (reported, and {@code damage[0]} set) or gone. */
    private static Map<BlobId, List<PackEntry>> readOne(Repository repo, String id, String problemAtOpen, Report report,
            boolean[] damage) throws IOException {
        Map<BlobId, List<PackEntry>> document = new LinkedHashMap<>();
        try {
            IndexDocuments.read(repo.loadUnpacked(BlobKind.INDEX, id), "index/" + id, (pack, entries) -> document.putIfAbsent(pack, entries));
        } catch (BlobNotFoundException e) {
            return null; // removed since it was listed (a concurrent prune): nothing to check
        } catch (CorruptDataException | FormatException | IllegalArgumentException e) {
            damage[0] = true;
            report.error("index/" + id, "index file cannot be read (" + Report.cause(e, "index/" + id) + "). cairn indexed the packs it "
                    + "listed from their own headers instead, so their data is still found (see the warnings for those "
                    + "packs), but the index needs to be rebuilt", List.of());
            return null;
        }
        if (problemAtOpen != null) {
            report.warning("index/" + id, "index file could not be read when the repository was opened (" + problemAtOpen
                    + ") but reads fine now; the storage may be unreliable, run check again");
        }
        return document;
    }

    /** {@code repo.indexProblems()} entries look like {@code index/<id>: <message>}. */
    private static Map<String, String> problemsAtOpen(Repository repo) {
        Map<String, String> out = new HashMap<>();
        for (String problem : repo.indexProblems()) {
            int colon = problem.indexOf(':');
            if (problem.startsWith("index/") && colon > 0) {
                out.put(problem.substring("index/".length(), colon), problem.substring(colon + 1).strip());
            }
        }
        return out;
    }

    /** Where the readable index files say {@code id} is, or null. */
    BlobLocation lookup(BlobId id) throws IOException {
        return index.lookup(id);
    }

    /** The numbering of the fresh index's entries (for bitsets of visited blobs). */
    MasterIndex.Ordinals ordinals() {
        return ordinals;
    }

    /** Packs listed by the readable index files, in id order, with their entries (readable as often as needed). */
    void forEachPack(PackListing.Visitor visitor) throws IOException {
        packs.forEachPack(visitor);
    }

    /** How many distinct packs the readable index files list. */
    int packCount() {
        return listedPacks.size();
    }

    /** Whether a readable index file lists {@code pack}. */
    boolean lists(BlobId pack) {
        return listedPacks.contains(pack);
    }

    /** Whether some index file could not be read (so packs no readable index lists may hold needed data). */
    boolean hasDamage() {
        return damage;
    }

    /** Reports, as one INFO, blobs that are stored in more than one pack. */
    void reportDuplicates(Report report) throws IOException {
        long[] duplicates = {0};
        BlobId[] example = {null};
        BlobId[] current = {null};
        BlobId[] firstPack = {null};
        ordinals.forEach((n, id, location) -> {
            if (!id.equals(current[0])) {
                current[0] = id;
                firstPack[0] = location.pack();
            } else if (!location.pack().equals(firstPack[0])) {
                duplicates[0]++;
                example[0] = example[0] == null ? id : example[0];
            }
        });
        if (duplicates[0] > 0) {
            report.info("index", duplicates[0] + " extra " + (duplicates[0] == 1 ? "copy" : "copies") + " of blobs stored in more "
                    + "than one pack (e.g. blob " + example[0].shortHex() + "), usually from backups that ran at the same time; "
                    + "harmless, a future prune removes them");
        }
    }

    @Override
    public void close() throws IOException {
        try {
            index.close();
        } finally {
            packs.close();
        }
    }
}
