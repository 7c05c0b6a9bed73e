package dev.cairn.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
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
            case TreeFile file -> writeFile(file, resolve(parent, file.name()));
            case TreeSymlink link -> Files.createSymbolicLink(resolve(parent, link.name()), Path.of(link.target()));
            case TreeDir dir -> writeDir(dir, parent);
        };
    }

    /** The JVM encodes file names by the locale; under a non-UTF-8 one, Unicode names fail here, so say how to fix it. */
    private static Path resolve(Path parent, String name) {
        try {
            return parent.resolve(name);
        } catch (InvalidPathException e) {
            throw new IllegalStateException("cannot write file name '" + name + "': the JVM encodes file names as "
                    + System.getProperty("sun.jnu.encoding") + "; run tests under a UTF-8 locale (LC_ALL=C.UTF-8, "
                    + "e.g. in surefire's <environmentVariables>)", e);
        }
    }

    private static Path writeFile(TreeFile file, Path path) throws IOException {
        file.content().writeNew(path);
        setMetadata(path, file.mode(), file.mtime());
        return path;
    }

    private static Path writeDir(TreeDir dir, Path parent) throws IOException {
        boolean root = dir.name().isEmpty();
        Path path = root ? parent : Files.createDirectory(resolve(parent, dir.name()));
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
