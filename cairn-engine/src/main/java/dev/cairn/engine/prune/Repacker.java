package dev.cairn.engine.prune;

import dev.cairn.engine.index.BlobLocation;
import dev.cairn.engine.pack.PackEntry;
import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.repo.WriteSession;
import java.io.IOException;
import java.util.Set;

/**
 * Step (a): copies the used blobs of the packs to repack into new packs, sealed bytes as they are (no re-encryption), each
 * checked on the way (it must open and match its id, so damage is never copied as if it were data). The write session
 * stores the new packs and indexes them as it goes. One pack's blob bytes are in the heap at a time.
 */
final class Repacker {
    private final Repository repo;
    private final PruneListener listener;
    private byte[] buffer = new byte[0];

    Repacker(Repository repo, PruneListener listener) {
        this.repo = repo;
        this.listener = listener;
    }

    /** Repacks {@code packs}; returns the stored bytes the new packs hold. */
    long run(PackContents contents, Set<dev.cairn.engine.id.BlobId> packs) throws IOException {
        if (packs.isEmpty()) {
            return 0;
        }
        long[] done = {0};
        try (WriteSession session = repo.newWriteSession()) {
            contents.forEach(p -> {
                if (packs.contains(p.id())) {
                    copy(p, session);
                    listener.progress(++done[0], packs.size());
                }
            });
            session.flush();
            return session.packedBytesAdded();
        }
    }

    private void copy(PackContents.Pack pack, WriteSession session) throws IOException {
        PackEntry last = pack.used().stream().max(java.util.Comparator.comparingLong(PackEntry::offset)).orElseThrow();
        int end = Math.toIntExact(last.offset() + last.length());
        if (buffer.length < end) {
            buffer = new byte[end];
        }
        repo.readPack(pack.id(), 0, buffer, 0, end);
        for (PackEntry e : pack.used()) {
            int off = Math.toIntExact(e.offset());
            repo.openBlob(new BlobLocation(pack.id(), e.type(), e.offset(), e.length(), e.rawLength(), e.compressed()), e.id(), buffer, off);
            session.copySealed(e, buffer, off);
        }
    }
}
