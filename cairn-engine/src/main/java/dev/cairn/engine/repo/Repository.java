package dev.cairn.engine.repo;

import dev.cairn.blob.BlobInfo;
import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobNotFoundException;
import dev.cairn.blob.BlobStore;
import dev.cairn.engine.crypto.Aead;
import dev.cairn.engine.crypto.AuthenticationFailedException;
import dev.cairn.engine.crypto.KdfParams;
import dev.cairn.engine.crypto.MasterKey;
import dev.cairn.engine.format.BlobCodec;
import dev.cairn.engine.format.FormatException;
import dev.cairn.engine.format.OpenBuffers;
import dev.cairn.engine.format.RepoConfig;
import dev.cairn.engine.format.SealedFiles;
import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.id.BlobType;
import dev.cairn.engine.index.BlobLocation;
import dev.cairn.engine.index.MasterIndex;
import dev.cairn.engine.pack.PackEntry;
import dev.cairn.engine.pack.PackReader;
import dev.cairn.engine.pack.PackWriter;
import java.io.IOException;
import java.util.List;

/**
 * An open repository: the read side (config, index lookups, blobs, unpacked objects) plus the factory of write sessions.
 * Opened by {@link Repositories#open}. Thread-safe. Closing it does not close the store (the caller owns the store).
 */
public final class Repository implements AutoCloseable {
    private final BlobStore store;
    private final RepoConfig config;
    private final MasterKey masterKey;
    private final String keyId;
    private final Aead aead;
    private final BlobCodec codec;
    private final SealedFiles sealedFiles;
    private volatile MasterIndex index;
    private volatile List<String> indexProblems;
    private final Environment env;
    private volatile Locking locking = LockObjects.INSTANCE;
    private volatile TreeCache trees = TreeCache.NONE;
    private final java.nio.file.Path indexCacheDir;
    private volatile java.util.Set<String> loadedIndexFiles = java.util.Set.of();
    private volatile SnapshotCache snapshotCache = SnapshotCache.NONE;
    /** Sealed snapshot files downloaded while the key was derived, each handed out (and forgotten) once. */
    private final java.util.Map<String, byte[]> prefetchedSnapshots = new java.util.concurrent.ConcurrentHashMap<>();
    private final RepositoryDictionaries dictionaries;

    Repository(BlobStore store, RepoConfig config, Keys.Unlocked unlocked, Aead aead, BlobCodec codec, SealedFiles sealedFiles,
            List<String> indexProblems, Environment env, java.nio.file.Path indexCacheDir) {
        this.store = store;
        this.config = config;
        this.masterKey = unlocked.masterKey();
        this.keyId = unlocked.keyId();
        this.aead = aead;
        this.codec = codec;
        this.sealedFiles = sealedFiles;
        this.indexProblems = List.copyOf(indexProblems);
        this.env = env;
        this.indexCacheDir = indexCacheDir;
        this.dictionaries = new RepositoryDictionaries(this,
                indexCacheDir == null ? null : indexCacheDir.resolveSibling("zstd-dictionary"));
        codec.useDictionaries(dictionaries);
    }

    /** The repository's zstd dictionaries (spec §Dictionaries). */
    RepositoryDictionaries dictionaries() {
        return dictionaries;
    }

    public RepoConfig config() {
        return config;
    }

    /** The store itself, for this package's writers (write session, locks); others use the narrow methods below. */
    BlobStore store() {
        return store;
    }

    /** The objects of one kind with their sizes (a listing of the store). */
    public List<BlobInfo> objects(BlobKind kind) throws IOException {
        return store.list(kind);
    }

    /** The stored size of a pack in bytes. @throws BlobNotFoundException if it is not stored */
    public long packSize(BlobId pack) throws IOException {
        return store.stat(packName(pack)).size();
    }

    /** Reads {@code length} sealed bytes of a pack at {@code offset} into {@code dst} (no decryption; EOFException if shorter). */
    public void readPack(BlobId pack, long offset, byte[] dst, int dstOffset, int length) throws IOException {
        store.readRange(packName(pack), offset, dst, dstOffset, length);
    }

    /**
     * Opens {@code length} sealed bytes of a pack at {@code offset} as a stream, for reads too large to buffer (restore
     * streams a pack's needed blobs one by one). Only opening is retried; the caller closes the stream, and an object
     * shorter than the range ends the stream early with an {@link java.io.EOFException}.
     */
    public java.io.InputStream openPack(BlobId pack, long offset, long length) throws IOException {
        return store.get(packName(pack), offset, length);
    }

    /**
     * The entries of a pack's header, read from the pack and decrypted with this repository's key.
     *
     * @throws FormatException if the header is damaged
     */
    public List<PackEntry> readPackHeader(BlobId pack) throws IOException, FormatException {
        return PackReader.readHeader(store, pack, aead, masterKey.encryptionKey());
    }

    /** Adds a key file for {@code passphrase} that unlocks this repository's master key; returns its id. @see Keys#add */
    public String addKey(char[] passphrase, KdfParams params) throws IOException {
        return Keys.add(store, masterKey, passphrase, params, env);
    }

    private static BlobName packName(BlobId pack) {
        return BlobName.of(BlobKind.PACK, pack.hex());
    }

    /** The merged index of every index file (on disk in the local index cache; see {@link MasterIndex}). */
    public MasterIndex index() {
        return index;
    }

    /** Set by {@link Repositories} before the repository is handed out, and again by {@link #refreshIndex}. */
    void attachIndex(MasterIndex index, java.util.Set<String> indexFiles) {
        this.index = index;
        this.loadedIndexFiles = java.util.Set.copyOf(indexFiles);
    }

    /**
     * Re-reads the index if the repository's index files changed since it was loaded: with {@code always}, whenever the
     * listing differs (new index files of other writers too; prune calls this after taking its exclusive lock), else only
     * if an index file it was loaded from is gone (a prune ran: what it lists may have been deleted; a backup calls this
     * after taking its lock, so it never deduplicates against a deleted blob). Call when nothing else uses the index.
     * Returns whether it was re-read.
     */
    public boolean refreshIndex(boolean always) throws IOException {
        java.util.Set<String> now = java.util.Set.copyOf(list(BlobKind.INDEX));
        boolean gone = !now.containsAll(loadedIndexFiles);
        if (!gone && (!always || now.equals(loadedIndexFiles))) {
            return false;
        }
        MasterIndex old = index;
        Repositories.loadIndex(this, indexCacheDir, now);
        old.close();
        return true;
    }

    /**
     * Deletes one object (prune and forget; spec §Write ordering rule 4 says when a pack may go).
     *
     * @throws BlobNotFoundException if it is already gone
     */
    public void delete(BlobKind kind, String id) throws IOException {
        store.delete(BlobName.of(kind, id));
    }

    /**
     * Deletes one object if it is there: true if this call deleted it, false if it was already gone (deleted by a
     * concurrent command, by an earlier run that was killed, or by this very request when a proxy retried it after the
     * first attempt took effect). Every other failure is thrown.
     */
    public boolean deleteIfPresent(BlobKind kind, String id) throws IOException {
        try {
            store.delete(BlobName.of(kind, id));
            return true;
        } catch (BlobNotFoundException e) {
            return false;
        }
    }

    public BlobCodec codec() {
        return codec;
    }

    public Aead aead() {
        return aead;
    }

    /** How this repository is locked: lock objects unless the opener chose otherwise. */
    public Locking locking() {
        return locking;
    }

    /**
     * Chooses how this repository is locked (a server's leases instead of lock objects); the composition root calls it
     * once, right after opening and before any operation.
     */
    public void useLocking(Locking locking) {
        this.locking = java.util.Objects.requireNonNull(locking, "locking");
    }

    /** Keeps tree blobs in {@code trees} (the composition root, for a server repository, right after opening). */
    public void useTreeCache(TreeCache trees) {
        this.trees = java.util.Objects.requireNonNull(trees, "trees");
    }

    public TreeCache treeCache() {
        return trees;
    }

    public Environment environment() {
        return env;
    }

    /** Id of the key file that opened this repository. */
    public String keyId() {
        return keyId;
    }

    /** The master key, for this package (key files); everything else uses the narrow methods above. */
    MasterKey masterKey() {
        return masterKey;
    }

    /** Index files that could not be read when the repository was opened (their packs were indexed from pack headers). */
    public List<String> indexProblems() {
        return indexProblems;
    }

    void setIndexProblems(List<String> problems) {
        this.indexProblems = List.copyOf(problems);
    }

    /**
     * Loads and verifies one blob's plaintext.
     *
     * @throws BlobNotFoundException if the index does not know the blob or its pack is gone
     * @throws CorruptDataException if the stored blob is damaged
     */
    public byte[] loadBlob(BlobType type, BlobId id) throws IOException {
        BlobLocation loc = index.lookup(id);
        if (loc == null) {
            throw new BlobNotFoundException(BlobName.of(BlobKind.PACK, id.hex()));
        }
        if (loc.type() == BlobType.TREE) {
            return trees.load(this, loc, id);
        }
        byte[] sealed = store.getRange(BlobName.of(BlobKind.PACK, loc.pack().hex()), loc.offset(), loc.length());
        return openBlob(loc, id, sealed, 0);
    }

    /** Opens a blob whose sealed bytes start at {@code off} in {@code buffer}. */
    public byte[] openBlob(BlobLocation loc, BlobId id, byte[] buffer, int off) throws CorruptDataException {
        try {
            return codec.open(loc.type(), id, buffer, off, loc.length(), loc.compressed(), loc.rawLength());
        } catch (FormatException e) {
            throw new CorruptDataException(e.getMessage() + " in pack " + loc.pack(), e);
        }
    }

    /**
     * Opens the blob at {@code buffer[off, off + loc.length())} into {@code buffers} (plaintext in
     * {@code buffers.plain()[0, loc.rawLength())}); the allocation-free form of {@link #openBlob} for bulk reads.
     *
     * @throws CorruptDataException if the blob is damaged
     */
    public void openBlobTo(BlobLocation loc, BlobId id, byte[] buffer, int off, OpenBuffers buffers)
            throws CorruptDataException {
        try {
            codec.openTo(loc.type(), id, buffer, off, loc.length(), loc.compressed(), loc.rawLength(), buffers);
        } catch (FormatException e) {
            throw new CorruptDataException(e.getMessage() + " in pack " + loc.pack(), e);
        }
    }

    /** Seals and stores an unpacked object (snapshot, index, lock); its name is the SHA-256 of the stored bytes. */
    public BlobId saveUnpacked(BlobKind kind, byte[] json) throws IOException {
        byte[] sealed = sealedFiles.seal(kind.dirName(), json);
        BlobId id = BlobId.sha256(sealed);
        store.put(BlobName.of(kind, id.hex()), sealed);
        return id;
    }

    /** Keeps snapshot files in {@code cache}, and hands out {@code prefetched} (downloaded, not yet checked) first. */
    void useSnapshotCache(SnapshotCache cache, java.util.Map<String, byte[]> prefetched) {
        this.snapshotCache = java.util.Objects.requireNonNull(cache, "cache");
        prefetchedSnapshots.putAll(prefetched);
    }

    /**
     * Loads and opens an unpacked object, checking that its bytes still hash to its name. A snapshot comes from the bytes
     * prefetched while the repository was opened or from the local snapshot cache when there, checked the same way (an
     * entry that fails is dropped and the snapshot fetched again), and a fetched one is kept in the cache once it opened.
     *
     * @throws CorruptDataException if it was altered, truncated or cannot be decoded
     */
    public byte[] loadUnpacked(BlobKind kind, String id) throws IOException {
        if (kind == BlobKind.SNAPSHOT) {
            byte[] fetched = prefetchedSnapshots.remove(id);
            if (fetched != null) {
                return openFetched(kind, id, fetched);
            }
            byte[] cached = snapshotCache.read(id);
            if (cached != null) {
                try {
                    return openUnpacked(kind, id, cached);
                } catch (CorruptDataException e) {
                    snapshotCache.drop(id); // not this repository's, or damaged: the repository has the truth
                }
            }
        }
        return openFetched(kind, id, store.getAll(BlobName.of(kind, id)));
    }

    private byte[] openFetched(BlobKind kind, String id, byte[] sealed) throws CorruptDataException {
        byte[] plain = openUnpacked(kind, id, sealed);
        if (kind == BlobKind.SNAPSHOT) {
            snapshotCache.put(id, sealed);
        }
        return plain;
    }

    private byte[] openUnpacked(BlobKind kind, String id, byte[] sealed) throws CorruptDataException {
        if (kind != BlobKind.CONFIG && !BlobId.sha256(sealed).hex().equals(id)) {
            throw new CorruptDataException(kind.dirName() + "/" + id + " is damaged: its content no longer matches its name");
        }
        try {
            return sealedFiles.open(kind.dirName(), sealed);
        } catch (AuthenticationFailedException | FormatException e) {
            throw new CorruptDataException(kind.dirName() + "/" + id + " is damaged: " + e.getMessage(), e);
        }
    }

    /**
     * Whether the stored bytes of {@code kind}/{@code id} still hash to its name (every kind but config is named by the
     * SHA-256 of its bytes; key files are plain JSON and have no other protection). False for config.
     *
     * @throws dev.cairn.blob.BlobNotFoundException if it is gone
     */
    public boolean matchesItsName(BlobKind kind, String id) throws IOException {
        return kind != BlobKind.CONFIG && BlobId.sha256(store.getAll(BlobName.of(kind, id))).hex().equals(id);
    }

    public List<String> list(BlobKind kind) throws IOException {
        return store.list(kind).stream().map(BlobInfo::name).map(BlobName::id).toList();
    }

    /** Starts a write session; see {@link WriteSession} for the ordering it guarantees. */
    public WriteSession newWriteSession() {
        return new WriteSession(this);
    }

    /**
     * A writer for a new pack. A local repository's packs are built in the store's own temp file ({@code tmp/}, the disk
     * they are going to) and published there in place (ADR 71); other stores' in a temporary file in the JVM's temporary
     * directory ({@code java.io.tmpdir}; the launcher passes {@code $TMPDIR}), uploaded with a put.
     *
     * @throws IOException naming the directory if the temporary file cannot be created
     */
    PackWriter newPackWriter() throws IOException {
        if (store instanceof dev.cairn.blob.LocalBlobStore local) {
            return PackWriter.inStagedFile(local.stage(BlobKind.PACK), local.root().resolve("tmp"));
        }
        return PackWriter.inTempFile(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")));
    }

    SealedFiles sealedFiles() {
        return sealedFiles;
    }

    /** Forgets the key and closes the index (waiting for a merge of its runs under way). */
    @Override
    public void close() {
        masterKey.destroy();
        try {
            if (index != null) {
                index.close();
            }
        } catch (IOException e) {
            // only local cache files are left open; nothing in the repository is affected
        }
    }
}
