package dev.cairn.engine.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.blob.LocalBlobStore;
import dev.cairn.engine.chunk.Chunker;
import dev.cairn.engine.chunk.Chunkers;
import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.repo.WriteSession;
import dev.cairn.testkit.DeterministicRandom;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file is cut where the chunker cuts it with the whole file in memory, whatever falls on the read buffer's edges (its
 * buffer holds 1.5 maximum chunks and is refilled only when a chunk needs more), and it is read to its end whatever
 * size its stat gave.
 */
class FileSaverTest {
    @TempDir
    Path tmp;
    private Repository repo;
    private WriteSession session;
    private Chunker chunker;
    private final AtomicLong bytesRead = new AtomicLong();
    private FileSaver saver;

    @BeforeEach
    void open() throws IOException {
        repo = EngineFixture.init(LocalBlobStore.create(tmp.resolve("repo")), 16 << 20);
        session = repo.newWriteSession().dryRun();
        chunker = Chunkers.create(repo.config().chunker(), repo.config().chunkerSecret());
        saver = new FileSaver(chunker, session, new BackupListener() {
            @Override
            public void bytesRead(long delta) {
                bytesRead.addAndGet(delta);
            }
        });
    }

    @AfterEach
    void close() throws IOException {
        session.close();
        repo.close();
    }

    @Test
    void cutsAsTheWholeFileInMemoryAtEverySizeAroundTheBuffer() throws IOException {
        int max = chunker.spec().maxSize();
        int buffer = max + (max >> 1);
        int[] sizes = {0, 1, chunker.spec().minSize() - 1, chunker.spec().minSize() + 1, max, buffer - 1, buffer, buffer + 1,
            2 * buffer + 12_345, 5 * max + 777};
        for (int size : sizes) {
            byte[] content = DeterministicRandom.bytes(size, size);
            assertSavedAsInMemory("random-" + size, content);
        }
    }

    @Test
    void chunksOfTheMaximumSizeAcrossRefillsAreCutAsInMemory() throws IOException {
        // long runs of one byte value never meet the cut condition, so chunks end at the maximum size, with random
        // stretches between them that end chunks anywhere: chunks start and end at every offset of the buffer
        int max = chunker.spec().maxSize();
        byte[] content = new byte[7 * max + 4321];
        byte[] noise = DeterministicRandom.bytes(7, content.length);
        for (int i = 0; i < content.length; i++) {
            content[i] = (i / (max / 3)) % 3 == 0 ? noise[i] : 0;
        }
        assertSavedAsInMemory("runs", content);
    }

    @Test
    void aFileThatGrewOrShrankSinceItsStatIsStoredAsRead() throws IOException {
        byte[] content = DeterministicRandom.bytes(11, 3 << 20);
        Path file = Files.write(tmp.resolve("changed"), content);
        FileSaver.Saved grew = saver.save(file, content.length - 4096);
        FileSaver.Saved shrank = saver.save(file, content.length + 4096);
        assertThat(grew.size()).isEqualTo(content.length);
        assertThat(shrank.size()).isEqualTo(content.length);
        assertThat(grew.content()).isEqualTo(inMemory(content)).isEqualTo(shrank.content());
    }

    private void assertSavedAsInMemory(String name, byte[] content) throws IOException {
        Path file = Files.write(tmp.resolve(name), content);
        long before = bytesRead.get();
        FileSaver.Saved saved = saver.save(file, content.length);
        assertThat(saved.size()).as(name).isEqualTo(content.length);
        assertThat(bytesRead.get() - before).as(name + ": bytes reported read").isEqualTo(content.length);
        assertThat(saved.content()).as(name).isEqualTo(inMemory(content));
    }

    private List<String> inMemory(byte[] content) {
        List<String> ids = new ArrayList<>();
        for (int off = 0; off < content.length; ) {
            int len = chunker.nextChunkLength(content, off, content.length - off);
            ids.add(repo.codec().id(content, off, len).hex());
            off += len;
        }
        return ids;
    }
}
