package dev.cairn.engine.check;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobNotFoundException;
import dev.cairn.engine.format.FormatException;
import dev.cairn.engine.format.Json;
import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.index.IndexFile;
import dev.cairn.engine.index.MasterIndex;
import dev.cairn.engine.pack.PackEntry;
import dev.cairn.engine.repo.CorruptDataException;
import dev.cairn.engine.repo.Repository;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The index as check sees it: every index file re-read and decoded here, independently of what the repository loaded when
 * it was opened (which may have patched over damaged index files with pack headers). Holds pack → entries as the readable
 * index files list them; when two index files list the same pack, the first one read wins.
 */
final class IndexScan {
    private final Map<BlobId, List<PackEntry>> packs = new TreeMap<>();
    private final List<String> damaged = new ArrayList<>();

    private IndexScan() {
    }

    /** Reads every index file; each one that cannot be read becomes an ERROR. */
    static IndexScan read(Repository repo, Report report) throws IOException {
        IndexScan scan = new IndexScan();
        Map<String, String> atOpen = problemsAtOpen(repo);
        List<String> ids = repo.list(BlobKind.INDEX).stream().sorted().toList();
        for (int i = 0; i < ids.size(); i++) {
            report.progress("index", i, ids.size());
            scan.readOne(repo, ids.get(i), atOpen.get(ids.get(i)), report);
        }
        return scan;
    }

    private void readOne(Repository repo, String id, String problemAtOpen, Report report) throws IOException {
        Map<BlobId, List<PackEntry>> decoded;
        try {
            decoded = decode(Json.read(repo.loadUnpacked(BlobKind.INDEX, id), IndexFile.class, "index/" + id));
        } catch (BlobNotFoundException e) {
            return; // removed since it was listed (a concurrent prune): nothing to check
        } catch (CorruptDataException | FormatException | IllegalArgumentException e) {
            damaged.add(id);
            report.error("index/" + id, "index file cannot be read (" + Report.cause(e, "index/" + id) + "). cairn indexed the packs it "
                    + "listed from their own headers instead, so their data is still found (see the warnings for those "
                    + "packs), but the index needs to be rebuilt", List.of());
            return;
        }
        decoded.forEach(packs::putIfAbsent);
        if (problemAtOpen != null) {
            report.warning("index/" + id, "index file could not be read when the repository was opened (" + problemAtOpen
                    + ") but reads fine now; the storage may be unreliable, run check again");
        }
    }

    private static Map<BlobId, List<PackEntry>> decode(IndexFile file) {
        Map<BlobId, List<PackEntry>> out = new HashMap<>();
        for (IndexFile.PackBlobs p : file.packs()) {
            out.put(BlobId.parse(p.id()), List.copyOf(MasterIndex.toEntries(p)));
        }
        return out;
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

    /** Packs listed by the readable index files, sorted by id, with their entries. */
    Map<BlobId, List<PackEntry>> packs() {
        return packs;
    }

    /** Whether some index file could not be read (so packs missing from {@link #packs()} may hold needed data). */
    boolean hasDamage() {
        return !damaged.isEmpty();
    }

    /** Reports, as one INFO, blobs that are stored in more than one pack. */
    void reportDuplicates(Report report) {
        Map<BlobId, BlobId> firstPack = new HashMap<>();
        long duplicates = 0;
        BlobId example = null;
        for (Map.Entry<BlobId, List<PackEntry>> pack : packs.entrySet()) {
            for (PackEntry e : pack.getValue()) {
                BlobId first = firstPack.putIfAbsent(e.id(), pack.getKey());
                if (first != null && !first.equals(pack.getKey())) {
                    duplicates++;
                    example = example == null ? e.id() : example;
                }
            }
        }
        if (duplicates > 0) {
            report.info("index", duplicates + " extra " + (duplicates == 1 ? "copy" : "copies") + " of blobs stored in more "
                    + "than one pack (e.g. blob " + example.shortHex() + "), usually from backups that ran at the same time; "
                    + "harmless, a future prune removes them");
        }
    }
}
