package dev.cairn.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;

/**
 * Compares two directory trees on disk, e.g. a backup source and its restore. Below the two roots (whose own metadata is
 * ignored) it compares: the set of entries and their types (empty directories included), file content (SHA-256,
 * streamed, only when sizes match), symlink targets (the link text, not followed), POSIX permissions of files and
 * directories, and mtimes of files and directories to the millisecond. Symlink mtimes and owners are not compared.
 */
public final class TreeAssert {
    private static final int MAX_LISTED = 50;

    private TreeAssert() {
    }

    /**
     * Passes if the trees are the same, else fails with an {@link AssertionError} listing every difference by path.
     *
     * @throws UncheckedIOException if a tree cannot be read
     */
    public static void assertSameTree(Path expected, Path actual) {
        List<String> differences;
        try {
            differences = differences(expected, actual);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compare " + expected + " with " + actual, e);
        }
        if (!differences.isEmpty()) {
            throw new AssertionError(report(expected, actual, differences));
        }
    }

    /** Every difference between the trees, one readable line each, in path order; empty if they are the same. */
    public static List<String> differences(Path expected, Path actual) throws IOException {
        SortedMap<String, TreeScanner.Entry> want = TreeScanner.scan(expected);
        SortedMap<String, TreeScanner.Entry> got = TreeScanner.scan(actual);
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, TreeScanner.Entry> e : want.entrySet()) {
            TreeScanner.Entry other = got.get(e.getKey());
            if (other == null) {
                out.add("missing: " + show(e.getKey()) + " (" + describe(e.getValue()) + ")");
            } else {
                compare(show(e.getKey()), e.getValue(), other, out);
            }
        }
        got.forEach((path, entry) -> {
            if (!want.containsKey(path)) {
                out.add("unexpected: " + show(path) + " (" + describe(entry) + ")");
            }
        });
        return out;
    }

    private static void compare(String path, TreeScanner.Entry want, TreeScanner.Entry got, List<String> out)
            throws IOException {
        if (want.type() != got.type()) {
            out.add("type differs: " + path + ": expected " + describe(want) + ", actual " + describe(got));
            return;
        }
        switch (want.type()) {
            case FILE -> compareContent(path, want, got, out);
            case SYMLINK -> {
                if (!want.linkTarget().equals(got.linkTarget())) {
                    out.add("symlink target differs: " + path + ": expected '" + show(want.linkTarget())
                            + "', actual '" + show(got.linkTarget()) + "'");
                }
                return;
            }
            default -> { }
        }
        if (!want.mode().equals(got.mode())) {
            out.add("mode differs: " + path + ": expected " + PosixFilePermissions.toString(want.mode())
                    + ", actual " + PosixFilePermissions.toString(got.mode()));
        }
        if (want.mtimeMillis() != got.mtimeMillis()) {
            out.add("mtime differs: " + path + ": expected " + Instant.ofEpochMilli(want.mtimeMillis())
                    + ", actual " + Instant.ofEpochMilli(got.mtimeMillis()));
        }
    }

    private static void compareContent(String path, TreeScanner.Entry want, TreeScanner.Entry got, List<String> out)
            throws IOException {
        if (want.size() != got.size()) {
            out.add("content differs: " + path + ": expected " + want.size() + " bytes, actual " + got.size());
            return;
        }
        String wantHash = Hashing.sha256(want.path());
        String gotHash = Hashing.sha256(got.path());
        if (!Objects.equals(wantHash, gotHash)) {
            out.add("content differs: " + path + ": same size " + want.size() + " but sha256 " + wantHash.substring(0, 16)
                    + "… vs " + gotHash.substring(0, 16) + "…");
        }
    }

    private static String describe(TreeScanner.Entry entry) {
        return switch (entry.type()) {
            case FILE -> "file, " + entry.size() + " bytes";
            case DIRECTORY -> "directory";
            case SYMLINK -> "symlink to '" + show(entry.linkTarget()) + "'";
            case OTHER -> "special file";
        };
    }

    /** Makes control characters in names visible, so a name with a newline cannot garble the listing. */
    private static String show(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().forEach(c -> out.append(Character.isISOControl(c) ? String.format("\\u%04x", c)
                : Character.toString(c)));
        return out.toString();
    }

    private static String report(Path expected, Path actual, List<String> differences) {
        StringBuilder out = new StringBuilder("trees differ in " + differences.size() + " place(s)\n  expected: "
                + expected + "\n  actual:   " + actual + "\n");
        differences.stream().limit(MAX_LISTED).forEach(d -> out.append("  - ").append(d).append('\n'));
        if (differences.size() > MAX_LISTED) {
            out.append("  … and ").append(differences.size() - MAX_LISTED).append(" more\n");
        }
        return out.toString();
    }
}
