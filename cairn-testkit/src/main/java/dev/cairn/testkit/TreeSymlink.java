package dev.cairn.testkit;

import java.util.Objects;

/**
 * A symbolic link of a {@link TestTree}. Links have no mode or mtime here: Linux ignores link permissions, and
 * {@link TreeAssert} compares only the target text.
 *
 * @param name   the link's file name
 * @param target the target, exactly as stored in the link (relative, absolute, or dangling)
 */
public record TreeSymlink(String name, String target) implements TestTree {
    public TreeSymlink {
        TreeNames.check(name);
        Objects.requireNonNull(target, "target");
        if (target.isEmpty() || target.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("symlink '" + name + "' needs a non-empty target without NUL");
        }
    }
}
