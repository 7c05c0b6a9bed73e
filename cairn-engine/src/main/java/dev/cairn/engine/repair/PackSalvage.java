package dev.cairn.engine.repair;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobNotFoundException;
import dev.cairn.engine.format.FormatException;
import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.index.BlobLocation;
import dev.cairn.engine.pack.PackEntry;
import dev.cairn.engine.repo.CorruptDataException;
import dev.cairn.engine.repo.IndexRepair;
import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.repo.WriteSession;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code repair packs} (restic's): copies every blob of the named packs that still decrypts and verifies into new packs,
 * then deletes the named packs and rebuilds the index ({@link IndexRepair}), so the index lists only readable blobs. The
 * blobs that were lost are then missing, and {@link SnapshotRepair} removes them from the snapshots. A pack's blob list
 * comes from its header, or from the index when the header is damaged. New packs and their index are stored before a
 * damaged pack is deleted. Call holding an exclusive lock.
 */
public final class PackSalvage {
    private PackSalvage() {
    }

    /** What the salvage did: blobs copied to new packs, blobs that could not be read, packs deleted. */
    public record Result(long blobsSalvaged, long blobsLost, List<String> packsDeleted, IndexRepair.Result index) {
    }

    /**
     * Salvages {@code packs}.
     *
     * @throws IllegalArgumentException if a pack is neither stored nor listed by the index (nothing is changed)
     * @throws IOException              if the storage fails
     */
    public static Result salvage(Repository repo, List<BlobId> packs) throws IOException {
        List<List<PackEntry>> entries = new ArrayList<>();
        for (BlobId pack : packs) {
            entries.add(entries(repo, pack));
        }
        long salvaged = 0;
        long lost = 0;
        try (WriteSession session = repo.newWriteSession()) {
            for (int i = 0; i < packs.size(); i++) {
                for (PackEntry e : entries.get(i)) {
                    if (copy(repo, session, packs.get(i), e)) {
                        salvaged++;
                    } else {
                        lost++;
                    }
                }
            }
            session.flush(); // the copies and their index are stored before any damaged pack goes
        }
        List<String> deleted = new ArrayList<>();
        for (BlobId pack : packs) {
            repo.deleteIfPresent(BlobKind.PACK, pack.hex()); // gone either way
            deleted.add(pack.hex());
        }
        return new Result(salvaged, lost, deleted, IndexRepair.rebuild(repo));
    }

    private static List<PackEntry> entries(Repository repo, BlobId pack) throws IOException {
        try {
            return repo.readPackHeader(pack);
        } catch (FormatException | EOFException | BlobNotFoundException | CorruptDataException e) {
            List<PackEntry> indexed = repo.index().hasPack(pack) ? repo.index().packEntries(pack) : null;
            if (indexed == null) {
                throw new IllegalArgumentException("pack " + pack.hex() + " is not stored and no index lists it");
            }
            return indexed;
        }
    }

    /** Copies one blob if it reads back intact; false if it is lost. */
    private static boolean copy(Repository repo, WriteSession session, BlobId pack, PackEntry e) throws IOException {
        byte[] sealed = new byte[e.length()];
        try {
            repo.readPack(pack, e.offset(), sealed, 0, e.length());
            repo.openBlob(new BlobLocation(pack, e.type(), e.offset(), e.length(), e.rawLength(), e.compressed()), e.id(), sealed, 0);
        } catch (CorruptDataException | EOFException | BlobNotFoundException ex) {
            return false;
        }
        session.copySealed(e, sealed, 0);
        return true;
    }
}
