package dev.cairn.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/** Writes {@link TestTree} entries to disk; see {@link TestTree#materialize}. */
final class TreeMaterializer {
    private TreeMaterializer() {
    }

    static Path write(TestTree entry, Path parent) throws IOException {
        return switch (entry) {
            case TreeFile file -> writeFile(file, parent.resolve(file.name()));
            case TreeSymlink link -> Files.createSymbolicLink(parent.resolve(link.name()), Path.of(link.target()));
            case TreeDir dir -> writeDir(dir, parent);
        };
    }

    private static Path writeFile(TreeFile file, Path path) throws IOException {
        file.content().writeNew(path);
        setMetadata(path, file.mode(), file.mtime());
        return path;
    }

    private static Path writeDir(TreeDir dir, Path parent) throws IOException {
        boolean root = dir.name().isEmpty();
        Path path = root ? parent : Files.createDirectory(parent.resolve(dir.name()));
        for (TestTree child : dir.children()) {
            write(child, path);
        }
        if (!root) {
            setMetadata(path, dir.mode(), dir.mtime());
        }
        return path;
    }

    /** Permissions first: setting the mtime needs only ownership, so a read-only entry still gets its time. */
    private static void setMetadata(Path path, Set<PosixFilePermission> mode, java.time.Instant mtime)
            throws IOException {
        Files.setPosixFilePermissions(path, mode);
        Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(FileTime.from(mtime), null, null);
    }
}
