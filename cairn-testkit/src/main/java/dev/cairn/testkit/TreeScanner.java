package dev.cairn.testkit;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads the metadata of every entry below a root (not following links; the root itself is left out). Content is not
 * read here: {@link TreeAssert} hashes files only when their sizes match.
 */
final class TreeScanner {
    private TreeScanner() {
    }

    /** The entry types {@link TreeAssert} tells apart. */
    enum Type { FILE, DIRECTORY, SYMLINK, OTHER }

    /**
     * What is known about one entry without reading its content.
     *
     * @param path        the entry's absolute path
     * @param mode        POSIX permissions (none for symlinks)
     * @param mtimeMillis modification time in milliseconds (0 for symlinks)
     * @param linkTarget  the link text for symlinks, else null
     */
    record Entry(Path path, Type type, long size, Set<PosixFilePermission> mode, long mtimeMillis, String linkTarget) {
    }

    /** Entries by path relative to {@code root}, with {@code /} separators, sorted. */
    static SortedMap<String, Entry> scan(Path root) throws IOException {
        SortedMap<String, Entry> entries = new TreeMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(root)) {
                    entries.put(relative(root, dir), entry(dir));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                entries.put(relative(root, file), entry(file));
                return FileVisitResult.CONTINUE;
            }
        });
        return entries;
    }

    private static Entry entry(Path path) throws IOException {
        PosixFileAttributes attrs = Files.readAttributes(path, PosixFileAttributes.class,
                java.nio.file.LinkOption.NOFOLLOW_LINKS);
        if (attrs.isSymbolicLink()) {
            return new Entry(path, Type.SYMLINK, 0, Set.of(), 0, Files.readSymbolicLink(path).toString());
        }
        Type type = attrs.isDirectory() ? Type.DIRECTORY : attrs.isRegularFile() ? Type.FILE : Type.OTHER;
        long size = type == Type.FILE ? attrs.size() : 0;
        return new Entry(path, type, size, attrs.permissions(), attrs.lastModifiedTime().toMillis(), null);
    }

    private static String relative(Path root, Path path) {
        StringBuilder name = new StringBuilder();
        for (Path part : root.relativize(path)) {
            name.append(name.isEmpty() ? "" : "/").append(part);
        }
        return name.toString();
    }
}
