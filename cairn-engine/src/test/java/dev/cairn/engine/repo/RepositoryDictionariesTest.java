package dev.cairn.engine.repo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.LocalBlobStore;
import dev.cairn.engine.check.CheckListener;
import dev.cairn.engine.check.CheckOptions;
import dev.cairn.engine.check.CheckResult;
import dev.cairn.engine.check.Checker;
import dev.cairn.engine.compress.ZstdFrames;
import dev.cairn.engine.crypto.KdfParams;
import dev.cairn.engine.fixture.TestRepos;
import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.id.BlobType;
import dev.cairn.engine.index.BlobLocation;
import dev.cairn.engine.prune.PruneListener;
import dev.cairn.engine.prune.PruneOptions;
import dev.cairn.engine.prune.Pruner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Format version 3 (spec §Dictionaries): a write session trains a zstd dictionary on its first small data blobs, stores and
 * indexes it before using it, and compresses later small data blobs with it; another process without the local cache
 * reads them back through the Dictionary_ID in their frames, check --read-data passes, prune keeps the dictionary, and a
 * later session with the cache reuses it instead of training another.
 */
class RepositoryDictionariesTest {
    private static final char[] PASSWORD = "pw".toCharArray();
    @TempDir
    static Path dir;
    private static LocalBlobStore store;
    private static final List<byte[]> SAVED = new ArrayList<>();
    private static final List<BlobId> IDS = new ArrayList<>();
    private static Path cache;

    private static Environment env() {
        return new Environment(new Random(7), InstantSource.fixed(Instant.parse("2026-12-07T04:00:00Z")), "h", "u", 1);
    }

    @BeforeAll
    static void firstBackup() throws IOException {
        store = LocalBlobStore.create(dir.resolve("repo"));
        cache = dir.resolve("cache");
        Repositories.InitOptions options = Repositories.InitOptions.defaults().withKdf(KdfParams.TEST);
        try (Repository repo = Repositories.init(store, PASSWORD, options, env(), cache)) {
            assertThat(repo.config().version()).isEqualTo(3);
            try (WriteSession session = repo.newWriteSession()) {
                List<dev.cairn.engine.snapshot.Node> nodes = new ArrayList<>();
                Random r = new Random(11);
                // 4 MiB of samples train the dictionary; the 400 files after it are compressed with it
                for (long bytes = 0; bytes < RepositoryDictionaries.SAMPLE_BYTES + (3 << 20); ) {
                    byte[] file = TestRepos.sourceFile(r, 1_000 + r.nextInt(12_000));
                    IDS.add(session.saveBlob(BlobType.DATA, file).id());
                    SAVED.add(file);
                    nodes.add(TestRepos.file(String.format("f%05d.java", IDS.size()), file.length, List.of(IDS.getLast().hex())));
                    bytes += file.length;
                }
                TestRepos.commit(repo, session, Instant.parse("2026-12-07T04:00:00Z"), "/src", nodes);
            }
        }
    }

    @Test
    void laterSmallBlobsNameTheStoredDictionaryAndAnotherProcessReadsThemWithoutTheCache() throws IOException {
        try (Repository repo = Repositories.open(store, PASSWORD, env(), dir.resolve("other-cache"))) {
            List<BlobLocation> dictionaries = dictionaries(repo);
            assertThat(dictionaries).hasSize(1);
            BlobId last = IDS.getLast();
            assertThat(repo.index().lookup(last).compressed()).isTrue();
            for (int i = 0; i < IDS.size(); i++) {
                assertThat(repo.loadBlob(BlobType.DATA, IDS.get(i))).as("blob %d", i).isEqualTo(SAVED.get(i));
            }
            assertThat(dictionaryIdOf(repo, last)).isNotZero();
            assertThat(dictionaryIdOf(repo, IDS.getFirst())).as("a blob sealed before the dictionary existed").isZero();
        }
    }

    @Test
    void checkReadDataPassesAndPruneKeepsTheDictionary() throws IOException {
        try (Repository repo = Repositories.open(store, PASSWORD, env(), dir.resolve("prune-cache"))) {
            new Pruner(repo, PruneListener.NONE).run(PruneOptions.defaults());
        }
        try (Repository repo = Repositories.open(store, PASSWORD, env(), dir.resolve("check-cache"))) {
            assertThat(dictionaries(repo)).as("no snapshot names it, yet prune keeps it").hasSize(1);
            CheckResult result = Checker.create(repo, CheckOptions.readAll(), CheckListener.NONE).run();
            assertThat(result.findings()).isEmpty();
        }
    }

    @Test
    void aSessionWithTheCacheReusesTheDictionary() throws IOException {
        try (Repository repo = Repositories.open(store, PASSWORD, env(), cache)) {
            int before = dictionaries(repo).size();
            BlobId id;
            byte[] file = TestRepos.sourceFile(new Random(99), 6_000);
            try (WriteSession session = repo.newWriteSession()) {
                id = session.saveBlob(BlobType.DATA, file).id();
                session.flush();
            }
            assertThat(dictionaries(repo)).hasSize(before);
            assertThat(dictionaryIdOf(repo, id)).isNotZero();
            assertThat(repo.loadBlob(BlobType.DATA, id)).isEqualTo(file);
        }
    }

    @Test
    void aSessionAbandonedRightAfterTrainingHasStoredAndIndexedItsDictionary() throws IOException {
        LocalBlobStore other = LocalBlobStore.create(dir.resolve("abandoned"));
        Repositories.InitOptions options = Repositories.InitOptions.defaults().withKdf(KdfParams.TEST);
        BlobId last;
        try (Repository repo = Repositories.init(other, PASSWORD, options, env(), dir.resolve("abandoned-cache"));
                WriteSession session = repo.newWriteSession()) {
            Random r = new Random(12);
            for (long bytes = 0; bytes <= RepositoryDictionaries.SAMPLE_BYTES; ) {
                byte[] file = TestRepos.sourceFile(r, 2_000 + r.nextInt(10_000));
                session.saveBlob(BlobType.DATA, file);
                bytes += file.length;
            }
            last = session.saveBlob(BlobType.DATA, TestRepos.sourceFile(r, 5_000)).id(); // compressed with the new dictionary
            // closed without flush or commit: as if the process had been killed here
        }
        try (Repository repo = Repositories.open(other, PASSWORD, env(), dir.resolve("abandoned-other"))) {
            assertThat(dictionaries(repo)).hasSize(1);
            assertThat(repo.index().contains(last)).as("its pack was never stored").isFalse();
        }
    }

    @Test
    void aBlobWhoseDictionaryIsGoneIsReportedAsDamagedByCheck() throws IOException {
        Path copy = dir.resolve("damaged");
        copyTree(dir.resolve("repo"), copy);
        LocalBlobStore damaged = LocalBlobStore.open(copy);
        try (Repository repo = Repositories.open(damaged, PASSWORD, env(), dir.resolve("damaged-cache"))) {
            BlobLocation dictionary = dictionaries(repo).getFirst();
            Files.delete(copy.resolve("data").resolve(dictionary.pack().hex().substring(0, 2)).resolve(dictionary.pack().hex()));
        }
        try (Repository repo = Repositories.open(damaged, PASSWORD, env(), dir.resolve("damaged-cache-2"))) {
            CheckResult result = Checker.create(repo, CheckOptions.readAll(), CheckListener.NONE).run();
            assertThat(result.ok()).isFalse();
            assertThat(result.findings()).anySatisfy(f -> assertThat(f.message()).contains("zstd dictionary"));
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (java.util.stream.Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static List<BlobLocation> dictionaries(Repository repo) throws IOException {
        return repo.index().locations().stream().filter(l -> l.type() == BlobType.DICTIONARY).toList();
    }

    /** The Dictionary_ID in the zstd frame of a stored data blob (0: none). */
    private static int dictionaryIdOf(Repository repo, BlobId id) throws IOException {
        BlobLocation loc = repo.index().lookup(id);
        byte[] sealed = store.getRange(dev.cairn.blob.BlobName.of(BlobKind.PACK, loc.pack().hex()), loc.offset(), loc.length());
        byte[] payload = new byte[loc.length() - repo.aead().overhead()];
        repo.aead().openTo(repo.masterKey().encryptionKey(), sealed, 0, sealed.length, ad(id), payload, 0);
        return ZstdFrames.dictionaryId(payload, 0, payload.length);
    }

    private static byte[] ad(BlobId id) {
        byte[] ad = new byte[1 + BlobId.LENGTH];
        id.copyTo(ad, 1);
        return ad;
    }

}
