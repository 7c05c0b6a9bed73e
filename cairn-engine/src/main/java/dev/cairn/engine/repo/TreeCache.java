package dev.cairn.engine.repo;

import dev.cairn.engine.format.BlobCodec;
import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.id.BlobType;
import dev.cairn.engine.index.BlobLocation;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A local copy of tree blobs as sealed in their packs (still encrypted), one file per tree named by its id, so that a
 * backup's walk of the parent snapshot and a restore's walk read trees from local disk instead of one round trip each
 * (restic keeps tree packs in its cache for the same reason). Trees enter when a write session seals them and when they
 * are fetched. The cache is never the truth: an entry is used only after {@link Repository#openBlob} has authenticated
 * it and checked its plaintext against the id, and an entry of another length than the index says, a damaged one or an
 * unreadable one is fetched again from the repository and replaced. {@link #NONE} keeps nothing (local repositories).
 * Several processes may share a directory: entries are written under a temporary name and renamed into place. Failures
 * of the cache directory are never errors: the tree is then simply fetched. Thread-safe.
 */
public final class TreeCache {
    /** No cache: every tree is fetched. */
    public static final TreeCache NONE = new TreeCache(null);
    private final Path dir;

    private TreeCache(Path dir) {
        this.dir = dir;
    }

    /** A cache in {@code dir} (created when first written). */
    public static TreeCache in(Path dir) {
        return new TreeCache(java.util.Objects.requireNonNull(dir, "dir"));
    }

    /** The cache of {@code repo} under {@code cacheRoot} ({@code <root>/<repository id>/trees}); {@link #NONE} if it is null. */
    public static TreeCache under(Path cacheRoot, Repository repo) {
        return cacheRoot == null ? NONE : in(cacheRoot.resolve(repo.config().id()).resolve("trees"));
    }

    /** Whether a tree of {@code id} is kept (it may still turn out damaged when used). */
    public boolean holds(BlobId id) {
        return dir != null && Files.isRegularFile(entry(id));
    }

    /**
     * The plaintext of tree {@code id} at {@code loc}: the cached copy when it opens, else fetched and then kept.
     *
     * @throws CorruptDataException if the repository's copy is damaged too
     */
    byte[] load(Repository repo, BlobLocation loc, BlobId id) throws IOException {
        byte[] cached = read(id, loc.length());
        if (cached != null) {
            try {
                return repo.openBlob(loc, id, cached, 0);
            } catch (CorruptDataException e) {
                drop(id); // damaged or stale: the repository has the truth
            }
        }
        byte[] sealed = new byte[loc.length()];
        repo.readPack(loc.pack(), loc.offset(), sealed, 0, sealed.length);
        byte[] plain = repo.openBlob(loc, id, sealed, 0);
        put(id, sealed, 0, sealed.length);
        return plain;
    }

    /** Keeps {@code sealed} if it is a tree (a write session calls this for every blob it seals). */
    void keep(BlobCodec.Sealed sealed) {
        if (sealed.type() == BlobType.TREE) {
            put(sealed.id(), sealed.buffer(), sealed.offset(), sealed.length());
        }
    }

    /** Keeps the sealed tree {@code sealed[off, off + len)}, which must already have opened (or been sealed) as {@code id}. */
    public void put(BlobId id, byte[] sealed, int off, int len) {
        if (dir == null) {
            return;
        }
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, id.hex(), ".tmp");
            try (var out = Files.newOutputStream(tmp)) {
                out.write(sealed, off, len);
            }
            try {
                Files.move(tmp, entry(id), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, entry(id), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            deleteQuietly(tmp); // no cache entry: the tree is fetched when needed
        }
    }

    /** The cached sealed bytes of {@code id} if there are exactly {@code length} of them, else null. */
    private byte[] read(BlobId id, int length) {
        if (dir == null) {
            return null;
        }
        try {
            byte[] bytes = Files.readAllBytes(entry(id));
            if (bytes.length == length) {
                return bytes;
            }
            drop(id); // another copy of the tree (repacked differently) or a torn entry
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            drop(id);
        }
        return null;
    }

    private void drop(BlobId id) {
        deleteQuietly(entry(id));
    }

    private static void deleteQuietly(Path p) {
        try {
            if (p != null) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException e) {
            // an entry left behind is detected (and dropped) when next read
        }
    }

    private Path entry(BlobId id) {
        return dir.resolve(id.hex());
    }
}
