package dev.cairn.engine.backup;

import dev.cairn.engine.snapshot.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Reads POSIX metadata with one {@code statx} per entry ({@link NativeStat}; else the JDK's {@code unix:} attribute view,
 * one {@code lstat}) and turns it into nodes. Owner and group names are looked up once per uid/gid. Thread-safe.
 */
final class Metadata {
    private static final String ATTRIBUTES = "unix:mode,ino,dev,nlink,uid,gid,ctime,lastModifiedTime,size";
    private final Map<Integer, String> users = new ConcurrentHashMap<>();
    private final Map<Integer, String> groups = new ConcurrentHashMap<>();

    /** The facts of one entry; {@code kind} is one of the {@link Node} type names or null for special files. */
    record Stat(String kind, int mode, long mtimeNs, long ctimeNs, int uid, int gid, long inode, long device, int links, long size) {
    }

    Stat stat(Path path) throws IOException {
        return stat(path, LinkOption.NOFOLLOW_LINKS);
    }

    /** Stats following symlinks: for the directories above a backed-up path, which may be reached through a link. */
    Stat statFollowing(Path path) throws IOException {
        return stat(path, new LinkOption[0]);
    }

    private Stat stat(Path path, LinkOption... options) throws IOException {
        Stat fast = NativeStat.stat(path, options.length == 0);
        return fast != null ? fast : jdkStat(path, options);
    }

    /** The same facts through the JDK's attribute view (the fallback of {@link NativeStat}, and what it is tested against). */
    static Stat jdkStat(Path path, LinkOption... options) throws IOException {
        Map<String, Object> a = Files.readAttributes(path, ATTRIBUTES, options);
        return of((Integer) a.get("mode"), nanos((FileTime) a.get("lastModifiedTime")), nanos((FileTime) a.get("ctime")),
                (Integer) a.get("uid"), (Integer) a.get("gid"), (Long) a.get("ino"), (Long) a.get("dev"), (Integer) a.get("nlink"),
                (Long) a.get("size"));
    }

    /** A stat from {@code st_mode} (file type and permission bits) and the other fields of {@code struct stat}. */
    static Stat of(int stMode, long mtimeNs, long ctimeNs, int uid, int gid, long inode, long device, int links, long size) {
        return new Stat(kind(stMode), stMode & 07777, mtimeNs, ctimeNs, uid, gid, inode, device, links, size);
    }

    Node node(Path path, String name, Stat s, List<String> content, String subtree, String linkTarget) {
        return new Node(name, s.kind(), s.mode(), s.mtimeNs(), s.ctimeNs(), s.uid(), s.gid(), user(path, s.uid()), group(path, s.gid()),
                s.inode(), s.device(), s.links(), Node.FILE.equals(s.kind()) ? s.size() : 0, content, subtree, linkTarget);
    }

    private String user(Path path, int uid) {
        return users.computeIfAbsent(uid, u -> lookup(path, "posix:owner"));
    }

    private String group(Path path, int gid) {
        return groups.computeIfAbsent(gid, g -> lookup(path, "posix:group"));
    }

    private static String lookup(Path path, String attribute) {
        try {
            Object principal = Files.getAttribute(path, attribute, LinkOption.NOFOLLOW_LINKS);
            return principal == null ? null : principal.toString();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    private static String kind(int mode) {
        return switch (mode & 0170000) {
            case 0100000 -> Node.FILE;
            case 0040000 -> Node.DIR;
            case 0120000 -> Node.SYMLINK;
            default -> null;
        };
    }

    private static long nanos(FileTime t) {
        return t == null ? 0 : t.to(TimeUnit.NANOSECONDS);
    }
}
