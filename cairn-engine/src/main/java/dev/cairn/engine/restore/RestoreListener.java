package dev.cairn.engine.restore;

/**
 * Progress and per-item problems of a restore, for the CLI or UI to render (the engine never prints). Every method has a
 * no-op default. Calls may come from any worker thread but never concurrently: the restorer serialises them, so an
 * implementation needs no locking of its own. Implementations should return quickly; a thrown exception aborts the restore.
 */
public interface RestoreListener {
    /** Listens to nothing. */
    RestoreListener NONE = new RestoreListener() {
    };

    /** Called once, after planning and before anything is written: the selected regular files and their plaintext bytes. */
    default void start(long totalFiles, long totalBytes) {
    }

    /** A file is in place under its final name with its content and metadata (also when an identical file was already there). */
    default void fileRestored(String snapshotPath, long bytes) {
    }

    /**
     * Something at {@code snapshotPath} could not be restored (or verified); the restore goes on with the rest. Typical causes:
     * {@link dev.cairn.engine.repo.CorruptDataException} (damaged blob or tree, or a refused node name),
     * {@link dev.cairn.blob.BlobNotFoundException} (missing blob or pack), {@link RestoreMismatchException} (verification), or
     * an {@link java.io.IOException} from the target file system.
     */
    default void error(String snapshotPath, Exception e) {
    }
}
