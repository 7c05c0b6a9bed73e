package dev.cairn.engine.restore;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Directories and symlinks. Directories are created as the walk reaches them, parents before children, owner-only until
 * their metadata is applied once everything inside is written (children first, so a read-only directory gets its mode
 * after its content is in place). A file or symlink in the way of a directory or symlink is replaced; a directory in the
 * way of a symlink is an error (cairn never deletes a directory tree). Because every directory on the way down is checked
 * to be a real directory, no later write follows a symlink out of the target. Directories and symlinks are created on the
 * walking thread only; {@link #finishDir} runs wherever a directory's last entry finishes.
 */
final class Entries {
    private Entries() {
    }

    /**
     * Makes {@code path} a real directory, replacing a file or symlink in the way (owner-only until finished); returns
     * whether it was created (rather than found).
     */
    static boolean ensureDir(Path path) throws IOException {
        BasicFileAttributes a = FileRestore.attributes(path);
        if (a != null && a.isDirectory()) {
            return false;
        }
        if (a != null) {
            Files.delete(path); // a file or a symlink (which may point anywhere): the snapshot has a directory here
        }
        Files.createDirectory(path, Metadata.privateAttributes(true));
        return true;
    }

    /** Creates a symlink with its stored target (never followed) and applies its metadata; a failure is reported. */
    static void createSymlink(Item l, Tally tally) {
        try {
            createSymlink(l);
            tally.symlinkRestored();
        } catch (IOException e) {
            tally.error(l.snapshotPath(), e);
        }
    }

    private static void createSymlink(Item l) throws IOException {
        String target = l.node().linkTarget();
        Path linkTarget;
        try {
            linkTarget = Path.of(target == null ? "" : target);
        } catch (InvalidPathException e) {
            throw new dev.cairn.engine.repo.CorruptDataException(l.snapshotPath() + ": invalid symlink target", e);
        }
        BasicFileAttributes a = FileRestore.attributes(l.path());
        if (a != null && a.isDirectory()) {
            throw new FileAlreadyExistsException(l.path().toString(), null,
                    "a directory is in the way of this symlink; move it away or restore into another target");
        }
        if (a != null) {
            Files.delete(l.path());
        }
        Files.createSymbolicLink(l.path(), linkTarget);
        Metadata.apply(l.path(), l.node(), true);
    }

    /** Applies a directory's metadata once everything inside it is written (the root has none); counts it. */
    static void finishDir(Dir d, Tally tally) {
        if (!d.created() || d.node() == null) {
            return;
        }
        try {
            Metadata.apply(d.path(), d.node(), false);
            tally.dirRestored();
        } catch (IOException e) {
            tally.error(d.snapshotPath(), e);
        }
    }
}
