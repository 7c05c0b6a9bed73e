package dev.cairn.engine.check;

import dev.cairn.blob.BlobInfo;
import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobNotFoundException;
import dev.cairn.engine.format.FormatException;
import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.pack.PackEntry;
import dev.cairn.engine.pack.PackReader;
import dev.cairn.engine.repo.Repository;
import java.io.EOFException;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.ArrayList;

/**
 * Compares the packs the index lists with the packs in the store: a listed pack must exist, and its header must decode
 * and list exactly the blobs, offsets and lengths the index says. Reads only pack headers (two ranged reads per pack),
 * one pack's entries at a time (from the {@link IndexScan}'s on-disk listing); holds the ids of the stored packs.
 */
final class PackChecker {
    private final Repository repo;
    private final IndexScan index;
    private final Report report;
    private final Deferred findings = new Deferred();

    PackChecker(Repository repo, IndexScan index, Report report) {
        this.repo = repo;
        this.index = index;
        this.report = report;
    }

    /**
     * Checks every pack. Returns, sorted by id, the packs that exist and whose blobs are known (from the index, or from the
     * pack header when a damaged index file left the pack unlisted): what read-data can verify. Packs with a damaged header
     * are included, so that read-data can tell which of their blobs are still intact.
     */
    List<BlobId> run(SnapshotUsage usage) throws IOException {
        Map<BlobId, Long> stored = storedPacks();
        List<BlobId> readable = new ArrayList<>();
        int[] done = {0};
        index.forEachPack((pack, entries) -> {
            report.progress("packs", done[0]++, index.packCount());
            if (!stored.containsKey(pack)) {
                missing(pack, entries);
            } else if (checkHeader(pack, entries)) {
                readable.add(pack);
            }
        });
        for (BlobId pack : stored.keySet()) {
            if (!index.lists(pack)) {
                unindexed(pack);
                if (index.hasDamage() && repo.index().hasPack(pack)) {
                    readable.add(pack);
                }
            }
        }
        findings.flush(report, usage);
        readable.sort(null);
        return readable;
    }
    private Map<BlobId, Long> storedPacks() throws IOException {
        Map<BlobId, Long> out = new TreeMap<>();
        for (BlobInfo info : repo.objects(BlobKind.PACK)) {
            try {
                out.put(BlobId.parse(info.name().id()), info.size());
            } catch (IllegalArgumentException e) {
                report.warning(info.name().toString(), "object in the pack directory is not named like a pack (64 hex "
                        + "digits); cairn ignores it. Remove it if you did not put it there on purpose");
            }
        }
        return out;
    }

    private void missing(BlobId pack, List<PackEntry> entries) {
        findings.error("data/" + pack.hex(), "pack is listed in the index but missing from the storage: its " + entries.size()
                + " blobs are lost. Restore what you still can from the affected snapshots; data in it is not backed up "
                + "again while the index still lists it", blobIds(entries));
    }

    /** Compares the header with the index; returns false only if the pack turned out to be missing. */
    private boolean checkHeader(BlobId pack, List<PackEntry> indexed) throws IOException {
        List<PackEntry> header;
        try {
            header = repo.readPackHeader(pack);
            report.packChecked();
        } catch (FormatException | EOFException e) {
            report.packChecked();
            findings.error("data/" + pack.hex(), "pack header cannot be read (" + Report.cause(e)
                    + "): the pack is damaged or truncated on the storage; its blobs may be lost (read-data tells which)",
                    blobIds(indexed));
            return true;
        } catch (BlobNotFoundException e) {
            missing(pack, indexed);
            return false;
        }
        Set<PackEntry> inHeader = new HashSet<>(header);
        Set<PackEntry> inIndex = new HashSet<>(indexed);
        if (!inHeader.equals(inIndex)) {
            findings.error("data/" + pack.hex(), disagreement(inIndex, inHeader), blobIds(indexed));
        }
        return true;
    }

    private static String disagreement(Set<PackEntry> inIndex, Set<PackEntry> inHeader) {
        List<PackEntry> onlyIndex = inIndex.stream().filter(e -> !inHeader.contains(e)).toList();
        long onlyHeader = inHeader.stream().filter(e -> !inIndex.contains(e)).count();
        String example = onlyIndex.isEmpty() ? "" : " (e.g. blob " + onlyIndex.getFirst().id().shortHex() + " at offset "
                + onlyIndex.getFirst().offset() + ", length " + onlyIndex.getFirst().length() + ")";
        return "pack header and index disagree: " + onlyIndex.size() + " index entries are not in the header as listed"
                + example + ", and the header has " + onlyHeader + " entries the index lacks. The index is wrong or the "
                + "pack was replaced; blobs read through the index may fail";
    }

    private void unindexed(BlobId pack) {
        if (!index.hasDamage()) {
            findings.info("data/" + pack.hex(), "pack is not referenced by any index: left by an interrupted backup; "
                    + "harmless, a future prune removes it");
        } else if (repo.index().hasPack(pack)) {
            findings.warning("data/" + pack.hex(), "pack is not in any readable index (it was probably listed in a damaged "
                    + "index file); its blobs were found through its own header, so no data is lost");
        } else {
            findings.warning("data/" + pack.hex(), "pack is not in any readable index and its header cannot be read either; "
                    + "blobs this check reports as missing were probably in it");
        }
    }

    private static List<BlobId> blobIds(List<PackEntry> entries) {
        return entries.stream().map(PackEntry::id).toList();
    }
}
