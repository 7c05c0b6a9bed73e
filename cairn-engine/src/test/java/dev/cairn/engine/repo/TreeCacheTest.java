package dev.cairn.engine.repo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.blob.BlobName;
import dev.cairn.blob.ForwardingBlobStore;
import dev.cairn.blob.MemoryBlobStore;
import dev.cairn.engine.crypto.KdfParams;
import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.id.BlobType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local tree cache is a cache, never the truth: trees a write session seals are then read from disk, and an entry that
 * is missing, damaged, of another length or unreadable is fetched again from the repository (and replaced).
 */
class TreeCacheTest {
    private static final char[] PASS = "pass".toCharArray();
    private static final byte[] TREE = "{\"nodes\":[{\"name\":\"a\",\"type\":\"file\"}]}".getBytes(StandardCharsets.UTF_8);
    private final AtomicInteger reads = new AtomicInteger();
    private final MemoryBlobStore memory = MemoryBlobStore.create();
    private final ForwardingBlobStore store = new ForwardingBlobStore(memory) {
        @Override
        public InputStream get(BlobName name, long offset, long length) throws IOException {
            reads.incrementAndGet();
            return super.get(name, offset, length);
        }
    };
    @TempDir
    Path dir;
    private BlobId id;

    private static Environment env() {
        return new Environment(new Random(7), InstantSource.system(), "h", "u", 1);
    }

    @BeforeEach
    void saveATree() throws IOException {
        try (Repository repo = Repositories.init(store, PASS, Repositories.InitOptions.defaults().withKdf(KdfParams.TEST),
                env())) {
            repo.useTreeCache(TreeCache.in(dir));
            try (WriteSession session = repo.newWriteSession()) {
                id = session.saveBlob(BlobType.TREE, TREE).id();
                session.flush();
            }
        }
    }

    private byte[] load(TreeCache cache) throws IOException {
        try (Repository repo = Repositories.open(store, PASS, env())) {
            repo.useTreeCache(cache);
            return repo.loadBlob(BlobType.TREE, id);
        }
    }

    private Path entry() {
        return dir.resolve(id.hex());
    }

    @Test
    @DisplayName("a tree the write session sealed is read from the cache, without a read of the store")
    void sealedTreesAreCached() throws IOException {
        assertThat(entry()).isRegularFile();
        assertThat(load(TreeCache.in(dir))).isEqualTo(TREE);
        assertThat(reads).hasValue(0);
    }

    @Test
    void aMissingEntryIsFetchedAndKept() throws IOException {
        Files.delete(entry());
        assertThat(load(TreeCache.in(dir))).isEqualTo(TREE);
        assertThat(reads).hasValue(1);
        assertThat(entry()).isRegularFile();
        assertThat(load(TreeCache.in(dir))).isEqualTo(TREE);
        assertThat(reads).hasValue(1);
    }

    @Test
    @DisplayName("a damaged entry is detected, fetched again from the repository and replaced")
    void aDamagedEntryIsRefetched() throws IOException {
        byte[] good = Files.readAllBytes(entry());
        byte[] bad = good.clone();
        bad[bad.length / 2] ^= 1;
        Files.write(entry(), bad);
        assertThat(load(TreeCache.in(dir))).isEqualTo(TREE);
        assertThat(reads).hasValue(1);
        assertThat(entry()).hasBinaryContent(good);
    }

    @Test
    @DisplayName("an entry of another length than the index says (stale or torn) is fetched again")
    void aStaleEntryIsRefetched() throws IOException {
        byte[] good = Files.readAllBytes(entry());
        Files.write(entry(), java.util.Arrays.copyOf(good, good.length - 3));
        assertThat(load(TreeCache.in(dir))).isEqualTo(TREE);
        assertThat(reads).hasValue(1);
        assertThat(entry()).hasBinaryContent(good);
    }

    @Test
    @DisplayName("another tree's sealed bytes under this id do not open: fetched again")
    void anEntryOfAnotherTreeIsRefetched() throws IOException {
        byte[] good = Files.readAllBytes(entry());
        byte[] other = new byte[good.length];
        new Random(1).nextBytes(other);
        Files.write(entry(), other);
        assertThat(load(TreeCache.in(dir))).isEqualTo(TREE);
        assertThat(reads).hasValue(1);
    }

    @Test
    void aCacheDirectoryThatCannotBeUsedIsNoError() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        assertThat(load(TreeCache.in(notADirectory))).isEqualTo(TREE);
        assertThat(load(TreeCache.NONE)).isEqualTo(TREE);
        assertThat(reads).hasValue(2);
    }
}
