package dev.cairn.engine.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.ForwardingBlobStore;
import dev.cairn.blob.MemoryBlobStore;
import dev.cairn.engine.repo.Repository;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("the parent snapshot's trees are read ahead")
class TreePrefetchTest {
    private static final int DIRS = 30;
    @TempDir
    Path tmp;

    /** Counts ranged reads of packs. */
    private static final class Counting extends ForwardingBlobStore {
        final AtomicInteger packReads = new AtomicInteger();

        Counting() {
            super(MemoryBlobStore.create());
        }

        @Override
        public InputStream get(BlobName name, long offset, long length) throws IOException {
            if (name.kind() == BlobKind.PACK) {
                packReads.incrementAndGet();
            }
            return super.get(name, offset, length);
        }
    }

    @Test
    @DisplayName("an unchanged backup reads the trees of sibling directories together, not one read per directory")
    void siblingTreesInFewReads() throws IOException {
        Path src = tmp.resolve("src");
        for (int i = 0; i < DIRS; i++) {
            Path d = Files.createDirectories(src.resolve("d" + i));
            Files.writeString(d.resolve("f"), "file " + i);
        }
        Counting store = new Counting();
        Repository repo = EngineFixture.init(store);
        EngineFixture.backup(repo, src);
        store.packReads.set(0);

        BackupResult second = EngineFixture.backup(repo, src);

        assertThat(second.snapshot().summary().filesUnmodified()).isEqualTo(DIRS);
        // the levels above src and src itself, one at a time; then the 30 subdirectories' trees in one or two reads
        assertThat(store.packReads.get()).isLessThanOrEqualTo(src.toAbsolutePath().getNameCount() + 3);
    }
}
