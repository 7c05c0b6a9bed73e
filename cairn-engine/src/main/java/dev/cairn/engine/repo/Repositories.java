package dev.cairn.engine.repo;

import dev.cairn.blob.BlobInfo;
import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobNotFoundException;
import dev.cairn.blob.BlobStore;
import dev.cairn.engine.compress.Compressors;
import dev.cairn.engine.crypto.Aead;
import dev.cairn.engine.crypto.Aeads;
import dev.cairn.engine.crypto.AuthenticationFailedException;
import dev.cairn.engine.crypto.BlobIdHasher;
import dev.cairn.engine.crypto.KdfParams;
import dev.cairn.engine.crypto.MasterKey;
import dev.cairn.engine.format.BlobCodec;
import dev.cairn.engine.format.FormatException;
import dev.cairn.engine.format.Json;
import dev.cairn.engine.format.RepoConfig;
import dev.cairn.engine.format.SealedFiles;
import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.index.IndexCache;
import dev.cairn.engine.index.IndexDocuments;
import dev.cairn.engine.index.MasterIndex;
import dev.cairn.engine.pack.PackReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Creates and opens repositories: the one entry point of the repository layer. */
public final class Repositories {
    private Repositories() {
    }

    /** Options for a new repository; {@link #defaults()} is what {@code cairn init} uses. */
    public record InitOptions(String chunker, String compression, long packSize, KdfParams kdfParams) {
        public static InitOptions defaults() {
            return new InitOptions("FASTCDC-1M", Compressors.DEFAULT, RepoConfig.DEFAULT_PACK_SIZE, KdfParams.DEFAULT);
        }

        public InitOptions withCompression(String name) {
            return new InitOptions(chunker, name, packSize, kdfParams);
        }

        public InitOptions withKdf(KdfParams params) {
            return new InitOptions(chunker, compression, packSize, params);
        }

        public InitOptions withPackSize(long size) {
            return new InitOptions(chunker, compression, size, kdfParams);
        }
    }

    /**
     * Initialises an empty store as a repository: a new master key, a key file for {@code passphrase}, and the config.
     *
     * @throws RepositoryException if the store already holds a repository (or anything else)
     */
    public static Repository init(BlobStore store, char[] passphrase, InitOptions options, Environment env) throws IOException {
        return init(store, passphrase, options, env, null);
    }

    /**
     * Initialises a repository as {@link #init(BlobStore, char[], InitOptions, Environment)} does, keeping its index cache
     * under {@code cacheRoot} (see {@link #open(BlobStore, char[], Environment, Path)}).
     */
    public static Repository init(BlobStore store, char[] passphrase, InitOptions options, Environment env, Path cacheRoot)
            throws IOException {
        if (store.exists(BlobName.CONFIG) || !store.list(BlobKind.KEY).isEmpty()) {
            throw new RepositoryException("a repository already exists here; use it, or choose an empty location");
        }
        Compressors.create(options.compression());
        MasterKey master = MasterKey.generate(env.random());
        byte[] secret = new byte[32];
        env.random().nextBytes(secret);
        byte[] repoId = new byte[32];
        env.random().nextBytes(repoId);
        RepoConfig config = new RepoConfig(RepoConfig.CURRENT_VERSION, HexFormat.of().formatHex(repoId), options.chunker(), secret,
                BlobIdHasher.NAME, "AES256-GCM", options.compression(), options.packSize());
        String keyId = Keys.add(store, master, passphrase, options.kdfParams(), env);
        Aead aead = Aeads.create(config.aead(), env.random());
        store.put(BlobName.CONFIG, new SealedFiles(aead, master).seal("config", Json.write(config)));
        Repository repo = assemble(store, config, new Keys.Unlocked(master, keyId), env, cacheRoot, List.of());
        repo.useSnapshotCache(SnapshotCache.under(cacheRoot), java.util.Map.of());
        return repo;
    }

    /**
     * Opens a repository: unlocks a key file, reads the config, loads the index.
     *
     * @throws NotARepositoryException if the store holds no repository
     * @throws WrongPassphraseException if no key file opens with the passphrase
     * @throws UnsupportedFormatException if the format version is newer than this cairn
     * @throws CorruptDataException if the config is damaged
     */
    public static Repository open(BlobStore store, char[] passphrase, Environment env) throws IOException {
        return open(store, passphrase, env, null);
    }

    /**
     * Opens a repository as {@link #open(BlobStore, char[], Environment)} does, with its local index cache in
     * {@code cacheRoot/<repository id>/index} (spec §Local index cache): later opens then read the index from there instead
     * of decoding every index file. {@code cacheRoot} null, or a directory that cannot be written, means no lasting cache
     * (a private temporary directory for this repository handle).
     */
    public static Repository open(BlobStore store, char[] passphrase, Environment env, Path cacheRoot) throws IOException {
        SnapshotCache snapshots = SnapshotCache.under(cacheRoot);
        CompletableFuture<Keys.Unlocked> unlocking = CompletableFuture.supplyAsync(() -> unlock(store, passphrase), Repositories::unlockThread);
        OpenPrefetch prefetched;
        try {
            prefetched = OpenPrefetch.fetch(store, snapshots, () -> !unlocking.isDone());
        } finally {
            unlocking.exceptionally(e -> null).join(); // the caller clears the passphrase once this returns
        }
        Keys.Unlocked unlocked = unlocked(unlocking);
        if (prefetched.failure() != null) {
            throw prefetched.failure();
        }
        RepoConfig config = readConfig(prefetched.sealedConfig(), unlocked.masterKey(), env);
        Repository repo = assemble(store, config, unlocked, env, cacheRoot, prefetched.indexIds());
        repo.useSnapshotCache(snapshots, prefetched.snapshots());
        return repo;
    }

    /**
     * Unlocks a key file on its own thread (the key derivation), while the opening thread reads what does not need the key.
     */
    private static void unlockThread(Runnable task) {
        Thread t = new Thread(task, "cairn-unlock");
        t.setDaemon(true);
        t.start();
    }

    private static Keys.Unlocked unlock(BlobStore store, char[] passphrase) {
        try {
            return Keys.unlock(store, passphrase);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The unlocked key, or the unlocking's own exception as it was thrown. */
    private static Keys.Unlocked unlocked(CompletableFuture<Keys.Unlocked> unlocking) throws IOException {
        try {
            return unlocking.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** Opens the config's sealed bytes ({@code null}: there is none). */
    private static RepoConfig readConfig(byte[] sealed, MasterKey master, Environment env) throws IOException {
        if (sealed == null) {
            throw new NotARepositoryException("the repository has key files but no config; it was not fully initialised or the config was deleted");
        }
        try {
            byte[] json = new SealedFiles(Aeads.create("AES256-GCM", env.random()), master).open("config", sealed);
            RepoConfig config = Json.read(json, RepoConfig.class, "config");
            if (config.version() < RepoConfig.FIRST_VERSION || config.version() > RepoConfig.CURRENT_VERSION) {
                throw new UnsupportedFormatException("repository format version " + config.version()
                        + " is not supported by this cairn (it reads versions " + RepoConfig.FIRST_VERSION + " to "
                        + RepoConfig.CURRENT_VERSION + "); upgrade cairn");
            }
            return config;
        } catch (AuthenticationFailedException | FormatException e) {
            throw new CorruptDataException("the repository config is damaged: " + e.getMessage(), e);
        }
    }

    private static Repository assemble(BlobStore store, RepoConfig config, Keys.Unlocked unlocked, Environment env, Path cacheRoot,
            List<String> indexIds) throws IOException {
        Aead aead = Aeads.create(config.aead(), env.random());
        MasterKey master = unlocked.masterKey();
        BlobCodec codec = new BlobCodec(aead, Compressors.create(config.compression()),
                new BlobIdHasher(master.idKey()), master);
        SealedFiles sealed = new SealedFiles(aead, master);
        List<String> problems = new ArrayList<>();
        Path cacheDir = cacheRoot == null ? null : cacheRoot.resolve(config.id()).resolve("index");
        Repository repo = new Repository(store, config, unlocked, aead, codec, sealed, problems, env, cacheDir);
        loadIndex(repo, cacheDir, new java.util.HashSet<>(indexIds));
        return repo;
    }

    /**
     * Loads the index of {@code indexIds} through the cache in {@code cacheDir} (null: none) and attaches it to {@code repo};
     * if some index file is damaged, packs no readable index file covers are indexed from their headers.
     */
    static void loadIndex(Repository repo, Path cacheDir, java.util.Set<String> indexIds) throws IOException {
        List<String> problems = new ArrayList<>();
        MasterIndex index = IndexCache.load(cacheDir, new ArrayList<>(indexIds), (id, visitor) -> readIndexFile(repo, id, visitor, problems));
        repo.attachIndex(index, indexIds);
        repo.setIndexProblems(problems);
        if (!problems.isEmpty()) {
            indexUncoveredPacks(repo.store(), index, repo.aead(), repo.masterKey().encryptionKey());
        }
    }

    /**
     * Decodes one index file through {@link Repository#loadUnpacked} (which checks its name and authenticity); a damaged
     * one is recorded in {@code problems} and false returned.
     */
    private static boolean readIndexFile(Repository repo, String id, IndexDocuments.Visitor visitor, List<String> problems)
            throws IOException {
        try {
            IndexDocuments.read(repo.loadUnpacked(BlobKind.INDEX, id), "index " + id, visitor);
            return true;
        } catch (CorruptDataException | FormatException | IllegalArgumentException e) {
            problems.add("index/" + id + ": " + e.getMessage());
            return false;
        }
    }

    /** Recovers from damaged index files: packs that no readable index covers are indexed from their own headers. */
    private static void indexUncoveredPacks(BlobStore store, MasterIndex index, Aead aead, byte[] key) throws IOException {
        for (BlobInfo info : store.list(BlobKind.PACK)) {
            BlobId pack = BlobId.parse(info.name().id());
            if (index.hasPack(pack)) {
                continue;
            }
            try {
                index.addPack(pack, PackReader.readHeader(store, pack, aead, key));
            } catch (FormatException e) {
                // a damaged pack stays unindexed; check reports it
            }
        }
    }
}
