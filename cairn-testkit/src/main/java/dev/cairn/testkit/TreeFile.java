package dev.cairn.testkit;

import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A regular file of a {@link TestTree}.
 *
 * @param name    the file name
 * @param content what the file holds
 * @param mode    its POSIX permissions
 * @param mtime   its modification time (kept to the nanosecond where the file system allows)
 */
public record TreeFile(String name, FileContent content, Set<PosixFilePermission> mode, Instant mtime)
        implements TestTree {
    static final Set<PosixFilePermission> DEFAULT_MODE = PosixFilePermissions.fromString("rw-r--r--");

    public TreeFile {
        TreeNames.check(name);
        Objects.requireNonNull(content, "content");
        mode = Set.copyOf(mode);
        Objects.requireNonNull(mtime, "mtime");
    }

    /** This file with permissions given like {@code ls -l}, e.g. {@code "rw-------"}. */
    public TreeFile withMode(String permissions) {
        return new TreeFile(name, content, PosixFilePermissions.fromString(permissions), mtime);
    }

    /** This file with another mtime. */
    public TreeFile withMtime(Instant newMtime) {
        return new TreeFile(name, content, mode, newMtime);
    }
}
