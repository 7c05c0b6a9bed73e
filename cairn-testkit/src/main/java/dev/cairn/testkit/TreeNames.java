package dev.cairn.testkit;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Validation of entry names, shared by the {@link TestTree} records. */
final class TreeNames {
    /** NAME_MAX of Linux file systems, in bytes. */
    static final int MAX_NAME_BYTES = 255;

    private TreeNames() {
    }

    static String check(String name) {
        if (name == null || name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("invalid file name '" + name + "': must be non-empty, not . or .., "
                    + "and contain no / or NUL");
        }
        int bytes = utf8Length(name);
        if (bytes > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("file name of " + bytes + " UTF-8 bytes exceeds " + MAX_NAME_BYTES
                    + ": " + name);
        }
        return name;
    }

    static void checkUnique(String dir, List<TestTree> children) {
        Set<String> seen = new HashSet<>();
        for (TestTree child : children) {
            if (!seen.add(child.name())) {
                throw new IllegalArgumentException("directory '" + dir + "' has two entries named '" + child.name() + "'");
            }
        }
    }

    static int utf8Length(String name) {
        return name.getBytes(StandardCharsets.UTF_8).length;
    }
}
