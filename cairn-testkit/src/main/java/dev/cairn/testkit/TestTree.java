package dev.cairn.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A declarative file tree for backup and restore tests: directories, files and symlinks with their POSIX permissions and
 * mtimes, written to disk by {@link #materialize(Path)}.
 * <pre>
 *   import static dev.cairn.testkit.TestTree.*;
 *   Path a = dir("a", file("x", bytes), symlink("l", "x"), dir("empty")).materialize(tempDir);
 *   root(file("top", "hello")).materialize(target);     // a nameless root writes its children into target
 *   TreeDir big = TestTree.random(42, RandomTreeOptions.defaults());
 * </pre>
 * Entries are immutable records with value equality ({@link TreeDir}, {@link TreeFile}, {@link TreeSymlink}); use
 * {@code withMode}/{@code withMtime} to change their metadata. Unless set, files get {@code rw-r--r--}, directories
 * {@code rwxr-xr-x}, and both get the mtime {@link #DEFAULT_MTIME}, so two materialisations compare equal with
 * {@link TreeAssert}. Names are checked when an entry is made: non-empty, at most 255 UTF-8 bytes, no {@code /} or NUL,
 * not {@code .} or {@code ..}, and unique within a directory.
 *
 * <p>The JVM encodes file names by the locale, so non-ASCII names need a UTF-8 locale: cairn-testkit's own surefire
 * configuration sets {@code LC_ALL=C.UTF-8}, and a module that materialises such names needs the same.
 */
public sealed interface TestTree permits TreeDir, TreeFile, TreeSymlink {
    /** The mtime of entries that do not set one. */
    java.time.Instant DEFAULT_MTIME = java.time.Instant.parse("2024-02-29T12:34:56.789Z");

    /** The entry's file name ({@code ""} only for a {@link #root} directory). */
    String name();

    /**
     * Writes this entry under {@code parent} (which must exist) and returns its path. Directories get their permissions
     * and mtimes after their children are written. A nameless root writes its children into {@code parent} and leaves
     * {@code parent}'s own metadata alone.
     *
     * @throws java.nio.file.FileAlreadyExistsException if an entry is already there
     */
    default Path materialize(Path parent) throws IOException {
        return TreeMaterializer.write(this, parent);
    }

    /** A directory. */
    static TreeDir dir(String name, TestTree... children) {
        return new TreeDir(name, List.of(children), TreeDir.DEFAULT_MODE, DEFAULT_MTIME);
    }

    /** The nameless root of a tree: its children are materialised directly into the target directory. */
    static TreeDir root(TestTree... children) {
        return new TreeDir("", List.of(children), TreeDir.DEFAULT_MODE, DEFAULT_MTIME);
    }

    /** A file with these bytes (copied). */
    static TreeFile file(String name, byte[] content) {
        return file(name, new FileContent.Bytes(content));
    }

    /** A file with this text, UTF-8 encoded. */
    static TreeFile file(String name, String text) {
        return file(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A file with the given content description. */
    static TreeFile file(String name, FileContent content) {
        return new TreeFile(name, content, TreeFile.DEFAULT_MODE, DEFAULT_MTIME);
    }

    /** A file of {@code size} seeded random bytes, generated while written. */
    static TreeFile randomFile(String name, long seed, long size) {
        return file(name, new FileContent.Random(seed, size));
    }

    /** A symbolic link to {@code target}, written as given (relative, absolute or dangling). */
    static TreeSymlink symlink(String name, String target) {
        return new TreeSymlink(name, target);
    }

    /** A seeded random tree with the variety described by {@code options}; the same seed gives the same tree. */
    static TreeDir random(long seed, RandomTreeOptions options) {
        return new RandomTreeGenerator(seed, options).generate();
    }
}
