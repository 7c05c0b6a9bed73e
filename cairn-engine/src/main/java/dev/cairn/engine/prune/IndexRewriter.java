package dev.cairn.engine.prune;

import dev.cairn.blob.BlobKind;
import dev.cairn.engine.format.Json;
import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.index.IndexFile;
import dev.cairn.engine.index.MasterIndex;
import dev.cairn.engine.pack.PackEntry;
import dev.cairn.engine.repo.Repository;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Step (b): writes new index files listing every pack that stays (all its blobs, as its header has them), a file per
 * {@value #BLOBS_PER_FILE} blobs or so; the last one names the old index files in {@code supersedes}. Each file written is
 * also added to the local index cache, so the next process need not decode it.
 */
final class IndexRewriter {
    static final int BLOBS_PER_FILE = 16_384;
    private final Repository repo;
    private final Map<BlobId, List<PackEntry>> batch = new LinkedHashMap<>();
    private int blobs;
    private int written;

    IndexRewriter(Repository repo) {
        this.repo = repo;
    }

    /** Writes the index of every pack not in {@code gone}; returns how many index files it wrote. */
    int run(PackContents contents, Set<BlobId> gone, List<String> supersedes) throws IOException {
        contents.forEach(p -> {
            if (!gone.contains(p.id())) {
                batch.put(p.id(), p.all());
                blobs += p.all().size();
                if (blobs >= BLOBS_PER_FILE) {
                    write(List.of());
                }
            }
        });
        if (!batch.isEmpty()) {
            write(supersedes);
        }
        return written;
    }

    private void write(List<String> supersedes) throws IOException {
        IndexFile base = MasterIndex.toIndexFile(batch);
        BlobId id = repo.saveUnpacked(BlobKind.INDEX, Json.write(new IndexFile(base.packs(), supersedes)));
        repo.index().addIndexed(id, batch);
        written++;
        batch.clear();
        blobs = 0;
    }
}
