package dev.cairn.engine.repo;

import dev.cairn.blob.BlobInfo;
import dev.cairn.blob.BlobKind;
import dev.cairn.engine.format.FormatException;
import dev.cairn.engine.id.BlobId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code repair index} (restic's): rebuilds the index from the pack headers in the storage, then deletes the index files
 * that were there before. Afterwards the index lists exactly the packs that are stored and readable: a pack an old index
 * listed but the storage lost is no longer listed (check then names the snapshots that lose data), a pack no index
 * listed is listed. Packs are never deleted; one whose header cannot be read is reported and left in place. Call holding
 * an exclusive lock.
 */
public final class IndexRepair {
    private IndexRepair() {
    }

    /** What the rebuild did. */
    public record Result(int packsIndexed, List<String> unreadablePacks, int oldIndexFilesDeleted) {
    }

    public static Result rebuild(Repository repo) throws IOException {
        List<String> oldIndex = repo.list(BlobKind.INDEX);
        List<String> unreadable = new ArrayList<>();
        int indexed = 0;
        try (WriteSession session = repo.newWriteSession()) {
            for (BlobInfo info : repo.objects(BlobKind.PACK)) {
                BlobId pack;
                try {
                    pack = BlobId.parse(info.name().id());
                } catch (IllegalArgumentException e) {
                    continue; // not a pack's name: check reports it
                }
                try {
                    session.adopt(pack, repo.readPackHeader(pack));
                    indexed++;
                } catch (FormatException | java.io.EOFException | dev.cairn.blob.BlobNotFoundException e) {
                    unreadable.add(pack.hex());
                }
            }
            session.flush(); // the new index files are stored before any old one goes
        }
        for (String id : oldIndex) {
            repo.deleteIfPresent(BlobKind.INDEX, id); // gone either way: a second repair or a retried request took it
        }
        repo.refreshIndex(true);
        return new Result(indexed, unreadable, oldIndex.size());
    }
}
