package dev.cairn.engine.repo;

import dev.cairn.engine.id.BlobId;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A local copy of snapshot files as stored (sealed), one file per snapshot named by its id, so that a command that lists
 * snapshots (every backup looks for its parent among them) downloads only those it has not seen (restic keeps snapshots
 * in its cache for the same reason). A snapshot's id is the SHA-256 of its sealed bytes, so one directory serves every
 * repository: an entry is returned only if its bytes still hash to its name, and the caller then authenticates it with
 * the repository's key like a downloaded one (an entry of another repository fails that and is fetched again). The cache
 * is never the truth and failures of its directory are never errors: the snapshot is then simply fetched. Entries are
 * written under a temporary name and renamed into place, so several processes may share it. Thread-safe.
 */
public final class SnapshotCache {
    /** No cache: every snapshot is fetched. */
    public static final SnapshotCache NONE = new SnapshotCache(null);
    private final Path dir;

    private SnapshotCache(Path dir) {
        this.dir = dir;
    }

    /** A cache in {@code dir} (created when first written). */
    public static SnapshotCache in(Path dir) {
        return new SnapshotCache(java.util.Objects.requireNonNull(dir, "dir"));
    }

    /** The cache under {@code cacheRoot} ({@code <root>/snapshots}); {@link #NONE} if it is null. */
    static SnapshotCache under(Path cacheRoot) {
        return cacheRoot == null ? NONE : in(cacheRoot.resolve("snapshots"));
    }

    /** Whether an entry for {@code id} exists (it may still fail its checks when read). */
    boolean holds(String id) {
        return dir != null && isId(id) && Files.isRegularFile(dir.resolve(id));
    }

    /** The sealed bytes of snapshot {@code id} if an entry holds bytes that hash to it, else null (a bad entry is dropped). */
    byte[] read(String id) {
        if (dir == null || !isId(id)) {
            return null;
        }
        try {
            byte[] bytes = Files.readAllBytes(dir.resolve(id));
            if (BlobId.sha256(bytes).hex().equals(id)) {
                return bytes;
            }
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            // unreadable: dropped below, fetched by the caller
        }
        drop(id);
        return null;
    }

    /** Keeps the sealed bytes of snapshot {@code id}, which the caller has checked hash to {@code id}. */
    void put(String id, byte[] sealed) {
        if (dir == null || !isId(id)) {
            return;
        }
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, id, ".tmp");
            Files.write(tmp, sealed);
            try {
                Files.move(tmp, dir.resolve(id), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir.resolve(id), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            deleteQuietly(tmp); // no entry: the snapshot is fetched when next needed
        }
    }

    /** Removes the entry of {@code id} (it did not open with the repository's key). */
    void drop(String id) {
        if (dir != null && isId(id)) {
            deleteQuietly(dir.resolve(id));
        }
    }

    /** Whether {@code id} is 64 lower-case hex digits (so it names a file inside the directory and nothing else). */
    private static boolean isId(String id) {
        return id != null && id.length() == 2 * BlobId.LENGTH && id.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f');
    }

    private static void deleteQuietly(Path p) {
        try {
            if (p != null) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException e) {
            // a bad entry left behind fails its hash check and is dropped when next read
        }
    }
}
