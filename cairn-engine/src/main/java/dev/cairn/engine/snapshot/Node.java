package dev.cairn.engine.snapshot;

import java.util.List;

/**
 * One entry of a tree (spec §Trees). Times are nanoseconds since the epoch; {@code mode} holds the POSIX permission bits
 * (including setuid/setgid/sticky). Files list their data blob ids in order ({@code content}); directories name their tree
 * blob ({@code subtree}); symlinks carry {@code linkTarget}. Ids are 64 hex digits.
 */
public record Node(String name, String type, int mode, long mtimeNs, long ctimeNs, int uid, int gid, String user, String group,
        long inode, long device, int links, long size, List<String> content, String subtree, String linkTarget) {
    public static final String FILE = "file";
    public static final String DIR = "dir";
    public static final String SYMLINK = "symlink";

    /** Shares the few distinct type, user and group strings: restore plans and parent trees hold many nodes. */
    public Node {
        type = type == null ? null : type.intern();
        user = user == null ? null : user.intern();
        group = group == null ? null : group.intern();
    }

    public boolean isFile() {
        return FILE.equals(type);
    }

    public boolean isDir() {
        return DIR.equals(type);
    }

    public boolean isSymlink() {
        return SYMLINK.equals(type);
    }

    public List<String> content() {
        return content == null ? List.of() : content;
    }
}
