package dev.cairn.engine.restore;

import dev.cairn.engine.restore.RestorePlan.Item;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Directories and symlinks. Directories are created first, parents before children, owner-only until their metadata is
 * applied at the very end (children first, so a read-only directory gets its mode after its content is in place). A file or
 * symlink in the way of a directory or symlink is replaced; a directory in the way of a symlink is an error (cairn never
 * deletes a directory tree). Because every directory on the way down is checked to be a real directory, no later write
 * follows a symlink out of the target. Runs on the restoring thread only.
 */
final class Entries {
    private Entries() {
    }

    /** Creates the planned directories; returns those that now exist, in plan order. */
    static List<Item> createDirs(List<Item> dirs, Tally tally) {
        List<Item> created = new ArrayList<>(dirs.size());
        for (Item d : dirs) {
            try {
                ensureDir(d.path());
                created.add(d);
            } catch (IOException e) {
                tally.error(d.snapshotPath(), e);
            }
        }
        return created;
    }

    private static void ensureDir(Path path) throws IOException {
        BasicFileAttributes a = FileRestore.attributes(path);
        if (a != null && a.isDirectory()) {
            return;
        }
        if (a != null) {
            Files.delete(path); // a file or a symlink (which may point anywhere): the snapshot has a directory here
        }
        Files.createDirectory(path, Metadata.privateAttributes(true));
    }

    /** Creates the symlinks with their stored targets (never followed) and applies their metadata. */
    static void createSymlinks(List<Item> links, Tally tally) {
        for (Item l : links) {
            try {
                createSymlink(l);
                tally.symlinkRestored();
            } catch (IOException e) {
                tally.error(l.snapshotPath(), e);
            }
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

    /** Applies directory metadata, deepest first, after everything inside is written; counts the directories. */
    static void finishDirs(List<Item> created, Tally tally) {
        for (int i = created.size() - 1; i >= 0; i--) {
            Item d = created.get(i);
            try {
                Metadata.apply(d.path(), d.node(), false);
                tally.dirRestored();
            } catch (IOException e) {
                tally.error(d.snapshotPath(), e);
            }
        }
    }
}
