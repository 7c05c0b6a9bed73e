package dev.cairn.testkit;

import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A directory of a {@link TestTree}; the name is {@code ""} for a nameless {@link TestTree#root root}.
 *
 * @param name     the directory name
 * @param children its entries, with unique names
 * @param mode     its POSIX permissions, applied after the children are written
 * @param mtime    its modification time, applied after the children are written
 */
public record TreeDir(String name, List<TestTree> children, Set<PosixFilePermission> mode, Instant mtime)
        implements TestTree {
    static final Set<PosixFilePermission> DEFAULT_MODE = PosixFilePermissions.fromString("rwxr-xr-x");

    public TreeDir {
        if (!name.isEmpty()) {
            TreeNames.check(name);
        }
        children = List.copyOf(children);
        TreeNames.checkUnique(name, children);
        mode = Set.copyOf(mode);
        Objects.requireNonNull(mtime, "mtime");
    }

    /** This directory with permissions given like {@code ls -l}, e.g. {@code "rwx------"}. */
    public TreeDir withMode(String permissions) {
        return new TreeDir(name, children, PosixFilePermissions.fromString(permissions), mtime);
    }

    /** This directory with another mtime. */
    public TreeDir withMtime(Instant newMtime) {
        return new TreeDir(name, children, mode, newMtime);
    }

    /** This directory with more entries. */
    public TreeDir with(TestTree... more) {
        return new TreeDir(name, java.util.stream.Stream.concat(children.stream(), List.of(more).stream()).toList(),
                mode, mtime);
    }

    /** The number of entries below this directory, at any depth. */
    public int size() {
        return children.stream().mapToInt(c -> c instanceof TreeDir d ? 1 + d.size() : 1).sum();
    }
}
