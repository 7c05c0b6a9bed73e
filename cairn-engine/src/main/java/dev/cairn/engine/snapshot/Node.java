package dev.cairn.engine.snapshot;

import java.util.List;

/**
 * One entry of a tree (spec §Trees). Times are nanoseconds since the epoch; {@code mode} holds the POSIX permission bits
 * (including setuid/setgid/sticky). Files list their data blob ids in order ({@code content}); directories name their tree
 * blob ({@code subtree}); symlinks carry {@code linkTarget}. Ids are 64 hex digits. The {@code isFile}/{@code isDir}/
 * {@code isSymlink} helpers are not part of the JSON (format version 1 writers wrote them as {@code file}, {@code dir},
 * {@code symlink}; readers skip those fields without buffering them).
 */
@com.fasterxml.jackson.annotation.JsonIgnoreProperties({"file", "dir", "symlink"})
public record Node(String name, String type, int mode, long mtimeNs, long ctimeNs, int uid, int gid, String user, String group,
        long inode, long device, int links, long size, List<String> content, String subtree, String linkTarget) {
    public static final String FILE = "file";
    public static final String DIR = "dir";
    public static final String SYMLINK = "symlink";

    /** The few distinct user and group names, shared by every node (cheaper than {@link String#intern}). */
    private static final java.util.Map<String, String> NAMES = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_NAMES = 4096;

    /**
     * Shares the type, user and group strings and sizes the content list exactly (a parser's list reserves ten slots):
     * restore plans and parent trees hold many nodes.
     */
    public Node {
        type = FILE.equals(type) ? FILE : DIR.equals(type) ? DIR : SYMLINK.equals(type) ? SYMLINK : type;
        content = exactly(content);
        user = shared(user);
        group = shared(group);
    }

    /**
     * An exactly sized immutable copy; the list itself if it holds a null (reported where the node is used). No content
     * (directories, symlinks) is the empty list: {@link #content()} gives it, so it is what the JSON holds, and a node read
     * back must equal the node written (a backup reuses a directory's tree only when every node equals the parent's).
     */
    private static List<String> exactly(List<String> content) {
        if (content == null) {
            return List.of();
        }
        for (String id : content) {
            if (id == null) {
                return content;
            }
        }
        return List.copyOf(content);
    }

    private static String shared(String name) {
        if (name == null) {
            return null;
        }
        String known = NAMES.get(name);
        if (known != null) {
            return known;
        }
        if (NAMES.size() < MAX_NAMES) {
            NAMES.putIfAbsent(name, name);
        }
        return name;
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isFile() {
        return FILE.equals(type);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isDir() {
        return DIR.equals(type);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isSymlink() {
        return SYMLINK.equals(type);
    }

    public List<String> content() {
        return content;
    }
}
