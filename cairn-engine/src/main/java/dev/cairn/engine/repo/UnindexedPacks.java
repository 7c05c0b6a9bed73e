package dev.cairn.engine.repo;

import dev.cairn.blob.BlobInfo;
import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobNotFoundException;
import dev.cairn.engine.format.FormatException;
import dev.cairn.engine.id.BlobId;
import java.io.IOException;

/**
 * Finds stored packs that no index file lists (an interrupted backup's, spec §Resume) and hands them to a write session:
 * one pack header in memory at a time; the session writes an index every {@code INDEX_EVERY_PACKS} packs, so thousands of
 * such packs never sit in the heap together. A pack whose header cannot be read is skipped (check reports it; prune
 * deletes it). Stateless.
 */
public final class UnindexedPacks {
    private UnindexedPacks() {
    }

    /** Adopts into {@code session} every stored pack no index lists; returns how many. Call holding the repository lock. */
    public static int adopt(Repository repo, WriteSession session) throws IOException {
        int adopted = 0;
        for (BlobInfo info : repo.objects(BlobKind.PACK)) {
            BlobId pack = BlobId.parse(info.name().id());
            if (repo.index().hasPack(pack)) {
                continue;
            }
            try {
                session.adopt(pack, repo.readPackHeader(pack));
                adopted++;
            } catch (FormatException | BlobNotFoundException | java.io.EOFException e) {
                // damaged, or deleted meanwhile: not reused
            }
        }
        return adopted;
    }
}
