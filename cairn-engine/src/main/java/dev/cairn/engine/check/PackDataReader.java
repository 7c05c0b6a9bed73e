package dev.cairn.engine.check;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobNotFoundException;
import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.id.BlobType;
import dev.cairn.engine.index.BlobLocation;
import dev.cairn.engine.pack.PackEntry;
import dev.cairn.engine.pack.PackReader;
import dev.cairn.engine.repo.CorruptDataException;
import dev.cairn.engine.repo.Repository;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Read-data: reads selected packs whole, checks that each still hashes to its name, and opens every blob listed for it
 * (authentication, decompression and the keyed id check). One pack is in memory at a time, with its entries from the
 * {@link IndexScan} (or, for a pack only its header indexed, from the repository's index).
 */
final class PackDataReader {
    private final Repository repo;
    private final IndexScan index;
    private final Report report;
    private final Deferred findings = new Deferred();
    private int done;

    PackDataReader(Repository repo, IndexScan index, Report report) {
        this.repo = repo;
        this.index = index;
        this.report = report;
    }

    /** Reads each selected pack (sorted by id) and opens the blobs listed for it. */
    void read(List<BlobId> selected, SnapshotUsage usage) throws IOException {
        Set<BlobId> wanted = new HashSet<>(selected);
        Deque<BlobId> recovered = new ArrayDeque<>();
        for (BlobId pack : selected) {
            if (!index.lists(pack)) {
                recovered.add(pack);
            }
        }
        index.forEachPack((pack, entries) -> {
            if (wanted.contains(pack)) {
                readRecoveredBefore(pack, recovered, selected.size());
                progressAndRead(pack, entries, selected.size());
            }
        });
        readRecoveredBefore(null, recovered, selected.size());
        findings.flush(report, usage);
    }

    /** Reads the packs indexed only from their headers that sort before {@code next} (all of them if null). */
    private void readRecoveredBefore(BlobId next, Deque<BlobId> recovered, int total) throws IOException {
        while (!recovered.isEmpty() && (next == null || recovered.peek().compareTo(next) < 0)) {
            BlobId pack = recovered.poll();
            progressAndRead(pack, repo.index().packEntries(pack), total);
        }
    }

    private void progressAndRead(BlobId pack, List<PackEntry> entries, int total) throws IOException {
        report.progress("read data", done++, total);
        readPack(pack, entries);
    }

    private void readPack(BlobId pack, List<PackEntry> entries) throws IOException {
        byte[] bytes;
        try {
            bytes = readWhole(pack);
        } catch (BlobNotFoundException e) {
            return; // removed since the structure check (a concurrent prune); nothing left to read
        }
        report.bytesRead(bytes.length);
        report.packRead();
        List<Damage> damaged = new ArrayList<>();
        for (PackEntry entry : entries) {
            String problem = openBlob(pack, entry, bytes);
            if (problem != null) {
                damaged.add(new Damage(entry, problem));
            }
        }
        reportDamage(pack, PackReader.hashMatches(pack, bytes), damaged);
    }

    /**
     * A whole pack, read by ranged reads into one array: the store slices those (a whole-object read of a local file goes
     * through a direct buffer as large as the pack, which the JDK then keeps for the thread: +16 MiB of RSS).
     */
    private byte[] readWhole(BlobId pack) throws IOException {
        long size = repo.packSize(pack);
        if (size > Integer.MAX_VALUE - 16) {
            throw new java.io.IOException("data/" + pack.hex() + " is too large to read into memory (" + size + " bytes)");
        }
        byte[] bytes = new byte[(int) size];
        repo.readPack(pack, 0, bytes, 0, bytes.length);
        return bytes;
    }

    private void reportDamage(BlobId pack, boolean hashMatches, List<Damage> damaged) {
        if (!hashMatches) {
            findings.error("data/" + pack.hex(), "pack content no longer matches its name: it was damaged or altered on the "
                    + "storage" + (damaged.isEmpty() ? ", but every blob in it still reads correctly"
                    : "; " + damaged.size() + " of its blobs cannot be read (listed separately)"),
                    damaged.stream().map(d -> d.entry().id()).toList());
        }
        for (Damage d : damaged) {
            PackEntry e = d.entry();
            findings.error((e.type() == BlobType.TREE ? "tree/" : "blob/") + e.id().hex(), e.type().label() + " blob "
                    + e.id().shortHex() + " in pack data/" + pack.shortHex() + " " + d.problem()
                    + "; restoring what uses it from the affected snapshots will fail", List.of(e.id()));
        }
    }

    private record Damage(PackEntry entry, String problem) {
    }

    /** Opens one blob from the in-memory pack; returns what is wrong with it, or null. */
    private String openBlob(BlobId pack, PackEntry entry, byte[] bytes) {
        report.blobChecked();
        if (entry.offset() + entry.length() > bytes.length) {
            return "lies beyond the end of the pack (offset " + entry.offset() + ", pack size " + bytes.length + ")";
        }
        try {
            repo.openBlob(location(pack, entry), entry.id(), bytes, (int) entry.offset());
            return null;
        } catch (CorruptDataException e) {
            String cause = Report.cause(e, entry.type().label() + " blob " + entry.id().hex());
            String suffix = " in pack " + pack.shortHex(); // the finding names the pack already
            return cause.endsWith(suffix) ? cause.substring(0, cause.length() - suffix.length()) : cause;
        }
    }

    private static BlobLocation location(BlobId pack, PackEntry e) {
        return new BlobLocation(pack, e.type(), e.offset(), e.length(), e.rawLength(), e.compressed());
    }
}
